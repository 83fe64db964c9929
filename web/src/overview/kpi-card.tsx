// One KPI card on the overview: a metric's open count with its trend against a day ago, and
// the money per currency; every figure links to the list behind it.
import { Card, Text, Title } from '@tremor/react';
import { Link } from 'react-router-dom';
import { formatCount } from '../components/format-count.ts';
import { metricCatalog, metricPath, type MetricId } from '../metrics/metric-catalog.ts';
import { metricListHref } from '../metrics/metric-list-params.ts';
import type { MoneyTotal } from '../metrics/money-totals.ts';
import type { KpiTrend } from './kpi-trend.ts';

interface KpiCardProps {
  metric: MetricId;
  count: string | undefined;
  totals: readonly MoneyTotal[];
  trend: KpiTrend | null;
  entity?: string;
  error?: string;
}

const trendClass = { up: 'text-rose-600 dark:text-rose-400', down: 'text-emerald-600 dark:text-emerald-400', flat: 'text-tremor-content dark:text-dark-tremor-content' };
const link = 'rounded-tremor-small hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand';

export function KpiCard({ metric, count, totals, trend, entity, error }: KpiCardProps) {
  const info = metricCatalog[metric];
  const href = metricListHref(metricPath(metric), { entity });
  return (
    <Card data-testid="kpi-card" data-metric={metric} data-count={count ?? ''}>
      <Title className="xl:min-h-[3.5rem]">{info.title}</Title>
      {error !== undefined ? (
        <p role="alert" className="mt-2 text-tremor-default text-rose-600 dark:text-rose-400">Could not load: {error}</p>
      ) : count === undefined ? (
        <p role="status" className="mt-2 animate-pulse text-tremor-default text-tremor-content dark:text-dark-tremor-content">Loading…</p>
      ) : (
        <>
          <div className="mt-1 flex items-baseline gap-2">
            <Link to={href} className={`text-tremor-metric font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong ${link}`} data-testid="kpi-count">
              {formatCount(count)}
            </Link>
            <Text>{count === '1' ? info.noun.one : info.noun.many}</Text>
          </div>
          <p className={`h-5 whitespace-nowrap text-tremor-label font-medium ${trend ? trendClass[trend.direction] : ''}`} data-testid={trend ? 'kpi-trend' : undefined} data-delta={trend?.delta}>
            {trend?.label ?? ''}
          </p>
          <ul className="mt-2 space-y-0.5">
            {totals.slice(0, 4).map((total) => (
              <li key={total.currency} className="flex justify-between gap-3 text-tremor-default">
                <Link to={metricListHref(metricPath(metric), { entity, currency: total.currency })} className={`tabular-nums text-tremor-brand dark:text-dark-tremor-brand ${link}`} data-testid="kpi-amount" data-currency={total.currency} data-amount={total.amount}>
                  {total.amountLabel}
                </Link>
                <span className="text-tremor-content dark:text-dark-tremor-content">{total.countLabel}</span>
              </li>
            ))}
            {totals.length > 4 && <li className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">and {totals.length - 4} more currencies</li>}
          </ul>
        </>
      )}
    </Card>
  );
}
