// Maps ingestHealth's per-source rows to the sources table: exact counts (BigInt, never a
// float), when the source was last seen with its age, and whether the feed has gone stale.
import { formatAge } from '../components/format-age.ts';
import { formatCount, isDecimalInteger } from '../components/format-count.ts';
import { formatDateTime, parseWarehouseTime } from '../components/format-date-time.ts';
import type { ApiOutputs } from '../lib/trpc.ts';
import { isQuiet, STALE_FEED_AFTER_MS } from './feed-staleness.ts';
import { canFilterQuarantineBy } from './quarantine-link.ts';

export type IngestSourceRow = ApiOutputs['integration']['ingestHealth']['sources'][number];

export interface Count {
  value: bigint;
  /** Exact, as received. */
  text: string;
  label: string;
}

export interface IngestSource {
  source: string;
  sourceLabel: string;
  accepted: Count;
  rejected: Count;
  duplicates: Count;
  lastSeenMs: number | null;
  lastSeenLabel: string;
  ageLabel: string;
  stale: boolean;
  /** Whether the rejected count can link to the quarantine filtered by this source. */
  quarantineFilterable: boolean;
}

function count(text: string, what: string, source: string, locale?: string): Count {
  if (!isDecimalInteger(text) || text.startsWith('-')) {
    throw new Error(`integration.ingestHealth returned ${JSON.stringify(text)} ${what} for source "${source}", expected a whole number`);
  }
  return { value: BigInt(text), text, label: formatCount(text, locale) };
}

export function toIngestSource(row: IngestSourceRow, nowMs: number, locale?: string): IngestSource {
  const lastSeenMs = parseWarehouseTime(row.last_seen);
  return {
    source: row.source,
    sourceLabel: row.source === '' ? '(unknown source)' : row.source,
    accepted: count(row.accepted, 'accepted', row.source, locale),
    rejected: count(row.rejected, 'rejected', row.source, locale),
    duplicates: count(row.duplicates, 'duplicates', row.source, locale),
    lastSeenMs,
    lastSeenLabel: lastSeenMs === null ? row.last_seen || 'never' : formatDateTime(lastSeenMs),
    ageLabel: lastSeenMs === null ? '' : formatAge(lastSeenMs, nowMs),
    stale: isQuiet(lastSeenMs, nowMs, STALE_FEED_AFTER_MS),
    quarantineFilterable: canFilterQuarantineBy(row.source),
  };
}

export function toIngestSources(rows: readonly IngestSourceRow[], nowMs: number, locale?: string): IngestSource[] {
  return rows.map((row) => toIngestSource(row, nowMs, locale));
}

export interface IngestTotals {
  accepted: Count;
  rejected: Count;
  duplicates: Count;
}

/** Sums over all sources, exactly. */
export function ingestTotals(sources: readonly IngestSource[], locale?: string): IngestTotals {
  const sum = (pick: (s: IngestSource) => Count): Count => {
    const value = sources.reduce((total, s) => total + pick(s).value, 0n);
    return { value, text: value.toString(), label: formatCount(value.toString(), locale) };
  };
  return { accepted: sum((s) => s.accepted), rejected: sum((s) => s.rejected), duplicates: sum((s) => s.duplicates) };
}
