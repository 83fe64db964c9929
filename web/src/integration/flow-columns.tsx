// Columns of the flows table: throughput, errors with their rate, latency percentiles,
// retries, dead letters and freshness. Failing and stale flows carry a red badge.
import { Badge } from '@tremor/react';
import type { TableColumn } from '../components/data-table/table-column.ts';
import { formatDuration } from '../components/format-duration.ts';
import { STALE_FEED_AFTER_MS } from './feed-staleness.ts';
import { countLabel, type FlowHealth } from './flow-health.ts';

const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';
const alarm = 'font-medium text-rose-700 dark:text-rose-400';

const latency = (id: 'p50' | 'p95' | 'p99', pick: (f: FlowHealth) => number | null): TableColumn<FlowHealth> => ({
  id,
  header: `Latency ${id}`,
  align: 'right',
  firstDirection: 'desc',
  sortValue: pick,
  className: id === 'p50' ? 'hidden lg:table-cell' : id === 'p99' ? 'hidden xl:table-cell' : undefined,
  cell: (f) => <span data-testid={`flow-${id}`}>{f.latencyLabels[id]}</span>,
});

export function flowColumns(locale?: string): TableColumn<FlowHealth>[] {
  return [
    {
      id: 'flow',
      header: 'Flow',
      sortValue: (f) => f.flow,
      cell: (f) => (
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="flow-name">{f.flow}</span>
          {f.failing && <Badge size="xs" color="red" data-testid="flow-failing-badge">errors</Badge>}
          {f.stale && (
            <Badge size="xs" color="red" title={`Not seen for more than ${formatDuration(STALE_FEED_AFTER_MS)}`} data-testid="flow-stale-badge">
              stale
            </Badge>
          )}
          <span className={`block w-full ${muted}`}>from {f.basisLabel}</span>
        </span>
      ),
    },
    {
      id: 'messages',
      header: 'Messages',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (f) => f.messages,
      cell: (f) => <span data-testid="flow-messages" data-count={f.messages}>{countLabel(f.messages, locale)}</span>,
    },
    {
      id: 'errors',
      header: 'Errors',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (f) => f.errors,
      cell: (f) => <span className={f.errors > 0 ? alarm : ''} data-testid="flow-errors" data-count={f.errors}>{countLabel(f.errors, locale)}</span>,
    },
    {
      id: 'errorRate',
      header: 'Error rate',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (f) => f.errorRate,
      cell: (f) => <span className={f.errors > 0 ? alarm : ''} data-testid="flow-error-rate">{f.errorRateLabel}</span>,
    },
    latency('p50', (f) => f.p50Ms),
    latency('p95', (f) => f.p95Ms),
    latency('p99', (f) => f.p99Ms),
    {
      id: 'retries',
      header: 'Retries',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (f) => f.retries,
      className: 'hidden lg:table-cell',
      cell: (f) => countLabel(f.retries, locale),
    },
    {
      id: 'deadLetters',
      header: 'Dead letters',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (f) => f.deadLetters,
      cell: (f) => <span className={f.deadLetters > 0 ? alarm : ''}>{countLabel(f.deadLetters, locale)}</span>,
    },
    {
      id: 'freshness',
      header: 'Last seen',
      firstDirection: 'asc',
      sortValue: (f) => f.freshnessS,
      className: 'whitespace-nowrap',
      cell: (f) => (
        <>
          <span className={f.stale ? alarm : ''} data-testid="flow-freshness">{f.freshnessLabel}</span>
          <span className={`block ${muted}`}>{f.lastSeenLabel}</span>
        </>
      ),
    },
  ];
}
