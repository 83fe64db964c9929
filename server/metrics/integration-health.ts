// Integration health (metric 7): per flow throughput, error rate, latency percentiles,
// retries and dead letters; per source freshness, staleness and quarantined records; over a
// window (default the 24 hours up to asOf). The rules live in the two query builders.
import type { ClickHouseClient } from '@clickhouse/client';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { flowHealthSql, type FlowHealthRow, type HealthWindow } from '../../sql/queries/integration-health-flows.sql.ts';
import {
  sourceHealthPageSql,
  sourceHealthTotalsSql,
  splitPageRow,
  type SourceHealthPageRow,
  type SourceHealthTotals,
} from '../../sql/queries/integration-health-sources.sql.ts';
import { ingestRecordsBySourceSql, type IngestSourceRow } from '../../sql/queries/ingest-health.sql.ts';
import { pageInput } from './metric-input.ts';

const instant = z.iso.datetime({ offset: true });
const names = z.array(z.string().min(1).max(256)).max(100);

export const integrationHealthInput = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    /** Evaluate as of this moment (default now); `to` defaults to it and cannot pass it. */
    asOf: instant.optional(),
    flows: names.optional(),
    sources: names.optional(),
  })
  .merge(pageInput);

export type IntegrationHealthInput = z.infer<typeof integrationHealthInput>;

const hour = 3600_000;
const maxWindowMs = 92 * 24 * hour;

/** The window [from, to): to = min(to ?? asOf, asOf), from = to − 24 h unless given. */
export function healthWindow(input: { from?: string; to?: string; asOf?: string }, nowMs = Date.now()): HealthWindow {
  const asOf = input.asOf ? Date.parse(input.asOf) : nowMs;
  const to = Math.min(input.to ? Date.parse(input.to) : asOf, asOf);
  const from = input.from ? Date.parse(input.from) : to - 24 * hour;
  if (from >= to) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'from must be before to (and before asOf, which caps to)' });
  }
  if (to - from > maxWindowMs) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the window from..to may span at most 92 days' });
  return { from: toClickHouseDateTime64(from), to: toClickHouseDateTime64(to) };
}

function flowTotals(flows: FlowHealthRow[]) {
  const sum = (pick: (f: FlowHealthRow) => number) => flows.reduce((acc, f) => acc + pick(f), 0);
  const messages = sum((f) => f.messages);
  const errors = sum((f) => f.errors);
  return {
    flows: flows.length,
    messages,
    errors,
    /** errors / messages as a fraction rounded to 4 places; null without messages. */
    error_rate: messages === 0 ? null : Math.round((errors / messages) * 10_000) / 10_000,
    retries: sum((f) => f.retries),
    dead_letters: sum((f) => f.dead_letters),
  };
}

const noSources: SourceHealthTotals = { sources: 0, stale_sources: 0, quiet_before_window: 0, events: 0, quarantined: 0 };

export async function integrationHealth(ch: ClickHouseClient, input: IntegrationHealthInput) {
  const window = healthWindow(input);
  const filter = { flows: input.flows, sources: input.sources };
  const [flows, page, ingest] = await Promise.all([
    queryRows<FlowHealthRow>(ch, flowHealthSql(window, filter)),
    queryRows<SourceHealthPageRow>(ch, sourceHealthPageSql(window, input.sources, { limit: input.limit + 1, offset: input.offset })),
    queryRows<IngestSourceRow>(ch, ingestRecordsBySourceSql(window)),
  ]);
  const sourceRows = page.map(splitPageRow);
  // The page's rows carry the source totals; a page past the last source has none to carry them.
  const sourceTotals =
    sourceRows[0]?.totals ??
    (input.offset === 0 ? noSources : (await queryRows<SourceHealthTotals>(ch, sourceHealthTotalsSql(window, input.sources)))[0]!);
  const wanted = input.sources?.length ? new Set(input.sources) : undefined;
  return {
    window,
    flows,
    sources: { rows: sourceRows.slice(0, input.limit).map((r) => r.row), hasMore: sourceRows.length > input.limit },
    totals: { ...flowTotals(flows), ...sourceTotals },
    /** What ingest itself accepted, refused and dropped as duplicates per source (its own metrics). */
    ingest: wanted ? ingest.filter((r) => wanted.has(r.source)) : ingest,
  };
}
