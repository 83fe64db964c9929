// Forecast (/forecast): forecast against actual cash per bucket for one currency, accuracy
// (WAPE, MAPE, bias) per bucket over time, and the accuracy per entity and currency over the
// window. Bucket size and horizon live in the URL with the global entity and currency.
import { BarChart, Card, LineChart, Select, SelectItem, Text, Title } from '@tremor/react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { useTRPC, type ApiOutputs } from '../lib/trpc.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { useUrlFilters } from '../url-state/use-url-filters.ts';
import { forecastCurrencies, toForecastSeries } from './forecast-chart-data.ts';
import { ForecastSummaryTable } from './forecast-summary-table.tsx';

type ForecastAnswer = ApiOutputs['metrics']['forecastVariance'];
const forecastKeys = ['bucket', 'horizon', 'chart'] as const;
const buckets = ['day', 'week', 'month'] as const;
type Bucket = (typeof buckets)[number];
const refreshSeconds = 60;

export default function ForecastPage() {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { entity, currency } = useGlobalFilters();
  const { values, set } = useUrlFilters(forecastKeys);
  const bucket: Bucket = (buckets as readonly string[]).includes(values.bucket ?? '') ? (values.bucket as Bucket) : 'week';
  const horizon = /^\d{1,3}$/.test(values.horizon ?? '') && Number(values.horizon) <= 365 ? Number(values.horizon) : 7;
  const trpc = useTRPC();
  const input = { ...(entity ? { entities: [entity] } : {}), ...(currency ? { currencies: [currency] } : {}), bucket, horizonDays: horizon, limit: 500, offset: 0 };
  const query = useQuery(trpc.metrics.forecastVariance.queryOptions(input, { refetchInterval: autoRefresh.refetchInterval, placeholderData: keepPreviousData }));

  return (
    <>
      <PageHeader
        title="Forecast"
        description={`Cash forecast as it stood ${horizon} days before each ${bucket}, against what actually moved${entity ? ` · ${entity}` : ''}. Buckets follow each entity’s time zone.`}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <label className="flex items-center gap-2 text-tremor-default">
              Bucket
              <select value={bucket} onChange={(e) => set({ bucket: e.target.value })} data-testid="forecast-bucket" className="rounded-tremor-small border-tremor-border bg-tremor-background py-1 pl-2 pr-8 text-tremor-default dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis">
                {buckets.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-tremor-default">
              Horizon
              <select value={horizon} onChange={(e) => set({ horizon: e.target.value })} data-testid="forecast-horizon" className="rounded-tremor-small border-tremor-border bg-tremor-background py-1 pl-2 pr-8 text-tremor-default dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis">
                {[0, 1, 7, 14, 30].map((d) => (
                  <option key={d} value={d}>
                    {d} days
                  </option>
                ))}
              </select>
            </label>
            <AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />
          </div>
        }
      />
      <DataState
        query={query}
        subject="the forecast variance"
        isEmpty={(answer) => answer.buckets.rows.length === 0 && answer.totals.length === 0}
        empty={
          <EmptyState title="No forecast to compare yet">
            A bucket appears once a cash forecast was known {horizon} days before it. Send forecast events (finance.forecast.*) or try a shorter horizon.
          </EmptyState>
        }
      >
        {(answer) => <ForecastBody answer={answer} chartCurrency={values.chart ?? currency} onChartCurrency={(c) => set({ chart: c }, { replace: true })} updatedAt={query.dataUpdatedAt} refreshing={query.isFetching} />}
      </DataState>
    </>
  );
}

function ForecastBody({ answer, chartCurrency, onChartCurrency, updatedAt, refreshing }: { answer: ForecastAnswer; chartCurrency?: string; onChartCurrency: (c: string) => void; updatedAt: number; refreshing: boolean }) {
  const currencies = forecastCurrencies(answer.buckets.rows);
  const shown = chartCurrency && currencies.includes(chartCurrency) ? chartCurrency : currencies[0];
  const series = shown ? toForecastSeries(answer.buckets.rows, shown) : { points: [], accuracy: [] };
  // Chart geometry only (axis ticks, tooltips): compact and float-based; the table below is exact.
  const compact = shown ? new Intl.NumberFormat('en-GB', { style: 'currency', currency: shown, notation: 'compact', maximumFractionDigits: 1 }) : null;
  const money = (n: number) => (compact ? compact.format(n) : String(n));
  const pct = (n: number) => `${n.toFixed(1)}%`;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 xl:grid-cols-2">
        <Card data-testid="forecast-chart">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Title>Forecast vs actual{shown ? ` · ${shown}` : ''}</Title>
            {currencies.length > 1 && (
              <Select value={shown} onValueChange={onChartCurrency} className="w-28" enableClear={false} aria-label="Chart currency">
                {currencies.map((c) => (
                  <SelectItem key={c} value={c}>
                    {c}
                  </SelectItem>
                ))}
              </Select>
            )}
          </div>
          <Text>Summed over entities, per {answer.window.bucket} starting {answer.window.from}.</Text>
          <BarChart className="mt-4 h-72" data={series.points} index="bucket" categories={['Forecast', 'Actual']} colors={['indigo', 'emerald']} valueFormatter={money} yAxisWidth={64} />
          {answer.buckets.hasMore && <Text className="mt-2">Showing the first 500 bucket rows; narrow the window with the entity filter.</Text>}
        </Card>
        <Card data-testid="forecast-accuracy-chart">
          <Title>Accuracy over time{shown ? ` · ${shown}` : ''}</Title>
          <Text>WAPE and MAPE: lower is better. Bias above 0 means over-forecast.</Text>
          <LineChart className="mt-4 h-72" data={series.accuracy} index="bucket" categories={['WAPE', 'MAPE', 'Bias']} colors={['rose', 'amber', 'sky']} valueFormatter={pct} connectNulls yAxisWidth={56} />
        </Card>
      </div>
      <Card className="p-0" data-testid="forecast-summary">
        <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4">
          <Title>Accuracy over the window</Title>
          <LastUpdated at={updatedAt} refreshing={refreshing} />
        </div>
        <div className="px-1 pb-1 pt-2">
          <ForecastSummaryTable rows={[...answer.totals.map((t) => ({ ...t, entity: 'All entities', total: true })), ...answer.summary.map((row) => ({ ...row, total: false }))]} />
        </div>
      </Card>
    </div>
  );
}
