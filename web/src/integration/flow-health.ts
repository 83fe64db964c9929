// Maps metrics.integrationHealth's flows to the flows table: throughput, errors and error
// rate, latency percentiles, retries and dead letters, and freshness. A flow with errors or
// dead letters is failing; one not seen for over an hour is stale; either needs attention.
import { formatCount } from '../components/format-count.ts';
import { formatDateTime, parseWarehouseTime } from '../components/format-date-time.ts';
import { formatDuration } from '../components/format-duration.ts';
import type { ApiOutputs } from '../lib/trpc.ts';
import { STALE_FEED_AFTER_MS } from './feed-staleness.ts';

export type FlowHealthRow = ApiOutputs['metrics']['integrationHealth']['flows'][number];

export interface FlowHealth {
  flow: string;
  /** Where the numbers come from: traces, integration events, or nothing in the window. */
  basisLabel: string;
  messages: number;
  errors: number;
  /** errors / messages as a fraction; null without messages. */
  errorRate: number | null;
  errorRateLabel: string;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  latencyLabels: { p50: string; p95: string; p99: string };
  retries: number;
  deadLetters: number;
  lastSeenMs: number | null;
  lastSeenLabel: string;
  freshnessS: number;
  freshnessLabel: string;
  failing: boolean;
  stale: boolean;
  attention: boolean;
}

const basisLabels: Record<FlowHealthRow['basis'], string> = { spans: 'traces', events: 'integration events', none: 'nothing in window' };

function whole(value: unknown, what: string, flow: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`metrics.integrationHealth returned ${JSON.stringify(value)} ${what} for flow "${flow}", expected a whole number`);
  }
  return value;
}

/** "2.35%" for 0.0235; "—" when there were no messages. */
export function formatErrorRate(rate: number | null, locale?: string): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

/** A latency in the unit that reads best; "—" without samples. */
export function formatLatency(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '—' : formatDuration(ms);
}

export function toFlowHealth(row: FlowHealthRow, locale?: string): FlowHealth {
  const messages = whole(row.messages, 'messages', row.flow);
  const errors = whole(row.errors, 'errors', row.flow);
  const deadLetters = whole(row.dead_letters, 'dead letters', row.flow);
  const lastSeenMs = parseWarehouseTime(row.last_seen);
  const freshnessS = typeof row.freshness_s === 'number' && Number.isFinite(row.freshness_s) ? row.freshness_s : Number.POSITIVE_INFINITY;
  const stale = freshnessS * 1000 > STALE_FEED_AFTER_MS;
  const failing = errors > 0 || deadLetters > 0;
  return {
    flow: row.flow,
    basisLabel: basisLabels[row.basis] ?? row.basis,
    messages,
    errors,
    errorRate: row.error_rate,
    errorRateLabel: formatErrorRate(row.error_rate, locale),
    p50Ms: row.p50_ms,
    p95Ms: row.p95_ms,
    p99Ms: row.p99_ms,
    latencyLabels: { p50: formatLatency(row.p50_ms), p95: formatLatency(row.p95_ms), p99: formatLatency(row.p99_ms) },
    retries: whole(row.retries, 'retries', row.flow),
    deadLetters,
    lastSeenMs,
    lastSeenLabel: lastSeenMs === null ? 'never' : formatDateTime(lastSeenMs),
    freshnessS,
    freshnessLabel: Number.isFinite(freshnessS) ? `${formatDuration(freshnessS * 1000)} ago` : 'never seen',
    failing,
    stale,
    attention: failing || stale,
  };
}

/** Counts for a cell, grouped: 1234 → "1,234". */
export function countLabel(value: number, locale?: string): string {
  return formatCount(String(value), locale);
}
