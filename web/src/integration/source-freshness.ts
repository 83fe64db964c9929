// Maps metrics.integrationHealth's per-source rows to the freshness table: events in the
// window, when the source last sent, how that compares with its usual rhythm (the server's
// stale_after_s), sources gone quiet before the window, and what was quarantined.
import { formatDateTime, parseWarehouseTime } from '../components/format-date-time.ts';
import { formatDuration } from '../components/format-duration.ts';
import type { ApiOutputs } from '../lib/trpc.ts';
import { canFilterQuarantineBy } from './quarantine-link.ts';

export type SourceHealthRow = ApiOutputs['metrics']['integrationHealth']['sources']['rows'][number];

export interface SourceFreshness {
  source: string;
  sourceLabel: string;
  events: number;
  lastEventMs: number | null;
  lastEventLabel: string;
  /** Seconds since the last event; null when it never sent one that was accepted. */
  freshnessS: number | null;
  freshnessLabel: string;
  typicalGapLabel: string;
  staleAfterLabel: string;
  stale: boolean;
  quietBeforeWindow: boolean;
  quarantined: number;
  /** True when quarantined > 0: the count links to the quarantine (filtered by source when possible). */
  hasQuarantine: boolean;
  quarantineFilterable: boolean;
  attention: boolean;
}

const seconds = (s: number | null) => (s === null || !Number.isFinite(s) ? '—' : formatDuration(s * 1000));

export function toSourceFreshness(row: SourceHealthRow): SourceFreshness {
  const lastEventMs = row.last_event_at === null ? null : parseWarehouseTime(row.last_event_at);
  const quarantined = Number(row.quarantined);
  if (!Number.isInteger(quarantined) || quarantined < 0) {
    throw new Error(`metrics.integrationHealth returned ${JSON.stringify(row.quarantined)} quarantined for source "${row.source}", expected a whole number`);
  }
  return {
    source: row.source,
    sourceLabel: row.source === '' ? '(unknown source)' : row.source,
    events: Number(row.events),
    lastEventMs,
    lastEventLabel: lastEventMs === null ? 'never' : formatDateTime(lastEventMs),
    freshnessS: row.freshness_s,
    freshnessLabel: row.freshness_s === null ? 'never' : `${seconds(row.freshness_s)} ago`,
    typicalGapLabel: row.typical_gap_s === null ? 'too few events' : `every ${seconds(row.typical_gap_s)}`,
    staleAfterLabel: seconds(row.stale_after_s),
    stale: row.stale,
    quietBeforeWindow: row.quiet_before_window,
    quarantined,
    hasQuarantine: quarantined > 0,
    quarantineFilterable: canFilterQuarantineBy(row.source),
    attention: row.stale || row.quiet_before_window,
  };
}
