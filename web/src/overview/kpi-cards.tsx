// The overview's KPI row: one card per metric, each with its trend against a day ago (the
// same metric evaluated as of 24 hours earlier, on the hour), asked for once every card has
// its current figures.
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../components/error-message.ts';
import { metricIds, type MetricId } from '../metrics/metric-catalog.ts';
import { totalCount } from '../metrics/money-totals.ts';
import { useMetricView } from '../metrics/use-metric-view.ts';
import { kpiTrend } from './kpi-trend.ts';
import { KpiCard } from './kpi-card.tsx';
import { useMarkOnce } from './use-mark-once.ts';

const dayMs = 86_400_000;

export function KpiCards({ entity, refetchInterval, dayAgo }: { entity?: string; refetchInterval: number | false; dayAgo: string }) {
  const [loaded, setLoaded] = useState<ReadonlySet<MetricId>>(new Set());
  const onLoaded = useCallback((metric: MetricId) => setLoaded((was) => (was.has(metric) ? was : new Set([...was, metric]))), []);
  useMarkOnce('overview:kpis', loaded.size === metricIds.length);
  return (
    <section aria-label="Key figures" className="grid gap-6 md:grid-cols-3 xl:grid-cols-5">
      {metricIds.map((metric) => (
        <MetricKpi key={metric} metric={metric} entity={entity} refetchInterval={refetchInterval} dayAgo={dayAgo} onLoaded={onLoaded} trendEnabled={loaded.size === metricIds.length} />
      ))}
    </section>
  );
}

interface MetricKpiProps {
  metric: MetricId;
  entity?: string;
  refetchInterval: number | false;
  dayAgo: string;
  onLoaded: (metric: MetricId) => void;
  /** Trends wait until every card has its current figures: they are extra load, not the headline. */
  trendEnabled: boolean;
}

function MetricKpi({ metric, entity, refetchInterval, dayAgo, onLoaded, trendEnabled }: MetricKpiProps) {
  // One row is enough: the card shows totals; the list page shows the documents.
  const input = { ...(entity ? { entities: [entity] } : {}), limit: 1, offset: 0 };
  const now = useMetricView(metric, input, { refetchInterval });
  const before = useMetricView(metric, input, { refetchInterval: false, asOf: dayAgo, enabled: trendEnabled });
  useMarkOnce('overview:data', now.data !== undefined);
  const hasData = now.data !== undefined;
  useEffect(() => {
    if (hasData) onLoaded(metric);
  }, [hasData, metric, onLoaded]);
  const count = now.data ? totalCount(now.data.totals) : undefined;
  const beforeCount = before.data ? totalCount(before.data.totals) : undefined;
  return (
    <KpiCard
      metric={metric}
      count={count}
      totals={now.data?.totals ?? []}
      trend={count === undefined ? null : kpiTrend(count, beforeCount)}
      entity={entity}
      error={now.data === undefined && now.error ? errorMessage(now.error) : undefined}
    />
  );
}

/** The as-of instant a day before `nowMs`, on a whole hour so the trend is asked for once an hour. */
export function dayAgoIso(nowMs: number): string {
  return new Date(Math.floor(nowMs / 3_600_000) * 3_600_000 - dayMs).toISOString();
}
