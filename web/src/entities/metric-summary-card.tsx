// One metric for one entity: how many items and how much money per currency, every figure a
// link to the metric's list filtered to the entity.
import { Card, Text, Title } from '@tremor/react';
import { Link } from 'react-router-dom';
import { formatCount } from '../components/format-count.ts';
import { metricPath } from '../metrics/metric-catalog.ts';
import { metricListHref } from '../metrics/metric-list-params.ts';
import type { MetricSummary } from './entity-breakdown.ts';

const linkClass = 'hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand rounded-tremor-small';

export function MetricSummaryCard({ summary, entity }: { summary: MetricSummary; entity: string }) {
  const href = metricListHref(metricPath(summary.metric), { entity });
  return (
    <Card data-testid="entity-metric-card" data-metric={summary.metric} data-count={summary.count}>
      <Title className="xl:min-h-[3.5rem]">{summary.title}</Title>
      <Link to={href} className={`mt-1 block text-tremor-metric font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong ${linkClass}`} data-testid="entity-metric-count">
        {formatCount(summary.count)}
      </Link>
      {summary.totals.length === 0 ? (
        <Text>Nothing open for this entity.</Text>
      ) : (
        <ul className="mt-2 space-y-1">
          {summary.totals.map((total) => (
            <li key={total.currency} className="flex justify-between gap-3 text-tremor-default">
              <Link to={metricListHref(metricPath(summary.metric), { entity, currency: total.currency })} className={`tabular-nums text-tremor-brand dark:text-dark-tremor-brand ${linkClass}`} data-testid="entity-metric-amount" data-currency={total.currency} data-amount={total.amount}>
                {total.amountLabel}
              </Link>
              <span className="whitespace-nowrap text-tremor-content dark:text-dark-tremor-content">{total.countLabel} items</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
