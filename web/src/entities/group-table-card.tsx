// A small card listing groups (currencies, counterparties, ages) with count and amount, and a
// bar for the count so the largest group stands out.
import { Card, Title } from '@tremor/react';
import type { ReactNode } from 'react';

export interface GroupLine {
  key: string;
  label: ReactNode;
  count: number;
  amountLabel: string;
}

export function GroupTableCard({ title, lines, empty, testId, note }: { title: string; lines: readonly GroupLine[]; empty: string; testId: string; note?: string }) {
  const largest = Math.max(1, ...lines.map((line) => line.count));
  return (
    <Card data-testid={testId}>
      <Title>{title}</Title>
      {note && <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{note}</p>}
      {lines.length === 0 ? (
        <p className="mt-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">{empty}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {lines.map((line) => (
            <li key={line.key} className="text-tremor-default" data-testid={`${testId}-row`}>
              <div className="flex items-baseline gap-3">
                <span className="min-w-0 flex-1 truncate text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" title={typeof line.label === 'string' ? line.label : undefined}>{line.label}</span>
                <span className="tabular-nums text-tremor-content dark:text-dark-tremor-content">{line.count}</span>
                <span className="w-32 whitespace-nowrap text-right font-medium tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{line.amountLabel}</span>
              </div>
              <div aria-hidden="true" className="mt-0.5 h-1.5 rounded-full bg-tremor-brand dark:bg-dark-tremor-brand" style={{ width: `${Math.max(1, (line.count / largest) * 100)}%` }} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
