// One breakdown of a metric (by stage, by kind, by bank…): label, currency, count and amount.
import { Card, Title } from '@tremor/react';
import { formatCount } from '../components/format-count.ts';
import { formatMaybeMoney } from '../money/format-money.ts';
import type { Breakdown } from './metric-view.ts';

export function BreakdownCard({ breakdown }: { breakdown: Breakdown }) {
  const withMoney = breakdown.rows.some((row) => row.amount !== null);
  return (
    <Card data-testid="metric-breakdown" data-title={breakdown.title}>
      <Title>{breakdown.title}</Title>
      {breakdown.rows.length === 0 ? (
        <p className="mt-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">Nothing in this breakdown.</p>
      ) : (
        <table className="mt-3 w-full text-left text-tremor-default">
          <caption className="sr-only">{breakdown.title}</caption>
          <thead>
            <tr className="text-tremor-label font-semibold uppercase tracking-wide text-tremor-content dark:text-dark-tremor-content">
              <th scope="col" className="py-1 pr-3">Group</th>
              <th scope="col" className="py-1 pr-3 text-right">Count</th>
              {withMoney && <th scope="col" className="py-1 text-right">Amount</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            {breakdown.rows.map((row, index) => (
              <tr key={`${row.label}|${row.currency ?? ''}|${index}`} className="text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
                <td className="py-1.5 pr-3">{row.label}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(row.count)}</td>
                {withMoney && <td className="whitespace-nowrap py-1.5 text-right tabular-nums">{row.currency === null ? '—' : formatMaybeMoney(row.amount, row.currency)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
