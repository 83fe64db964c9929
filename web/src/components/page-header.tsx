// A page's title, one line on what it is for, and its page-wide controls on the right.
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{title}</h1>
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">{description}</p>
      </div>
      {actions}
    </div>
  );
}
