// A helpful empty state: what the emptiness means, and what to do about it.
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="m-4 rounded-tremor-default border border-dashed border-tremor-border p-8 text-center dark:border-dark-tremor-border">
      <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-lg text-tremor-default text-tremor-content dark:text-dark-tremor-content">{children}</div>}
    </div>
  );
}
