// Maps quarantine.list rows to what the table and the detail panel show: every reason as a
// path + message pair, readable times with the zone, the status in words, and whether (and
// why not) the record can be replayed from here.
import { isDecimalInteger, formatCount } from '../components/format-count.ts';
import { formatWarehouseTime, parseWarehouseTime } from '../components/format-date-time.ts';
import type { ApiOutputs } from '../lib/trpc.ts';

export type QuarantineApiRow = ApiOutputs['quarantine']['list']['rows'][number];

export interface Reason {
  path: string;
  message: string;
}

export type StatusColor = 'amber' | 'rose' | 'emerald' | 'gray';

export interface QuarantineRecord {
  id: string;
  /** As received ('YYYY-MM-DD hh:mm:ss.sss' UTC), which also sorts chronologically. */
  receivedAt: string;
  receivedLabel: string;
  receivedExactLabel: string;
  channel: string;
  source: string;
  sourceLabel: string;
  eventId: string;
  eventType: string;
  reasons: Reason[];
  status: string;
  statusLabel: string;
  statusColor: StatusColor;
  statusAtMs: number | null;
  statusAtLabel: string;
  raw: string;
  /** Null when the record can be replayed here; otherwise why not. */
  notReplayable: string | null;
}

export const statuses: Readonly<Record<string, { label: string; color: StatusColor }>> = {
  quarantined: { label: 'Quarantined', color: 'amber' },
  replay_failed: { label: 'Replay failed', color: 'rose' },
  replayed: { label: 'Replayed', color: 'emerald' },
};

/** Pairs each error path with its message; a missing partner is said, not dropped. */
export function zipReasons(paths: readonly string[], messages: readonly string[]): Reason[] {
  const count = Math.max(paths.length, messages.length);
  return Array.from({ length: count }, (_, i) => ({ path: paths[i] || '(record)', message: messages[i] ?? '(no message recorded)' }));
}

/** Mirrors the server's replay rules, so the button is only offered where it can work. */
export function notReplayableReason(row: Pick<QuarantineApiRow, 'status' | 'channel'>): string | null {
  if (row.status === 'replayed') return 'Already replayed';
  if (row.channel !== 'events') return `Records from ${row.channel} are replayed by re-sending them`;
  return null;
}

export function toQuarantineRecord(row: QuarantineApiRow): QuarantineRecord {
  const status = statuses[row.status] ?? { label: row.status, color: 'gray' as const };
  return {
    id: row.quarantine_id,
    receivedAt: row.received_at,
    receivedLabel: formatWarehouseTime(row.received_at),
    receivedExactLabel: formatWarehouseTime(row.received_at, { seconds: true }),
    channel: row.channel,
    source: row.source,
    sourceLabel: row.source === '' ? '(unknown source)' : row.source,
    eventId: row.event_id,
    eventType: row.event_type,
    reasons: zipReasons(row.error_paths, row.error_messages),
    status: row.status,
    statusLabel: status.label,
    statusColor: status.color,
    statusAtMs: parseWarehouseTime(row.status_at),
    statusAtLabel: formatWarehouseTime(row.status_at, { seconds: true }),
    raw: row.raw,
    notReplayable: notReplayableReason(row),
  };
}

export interface QuarantinePage {
  records: QuarantineRecord[];
  total: number;
  totalLabel: string;
}

export function toQuarantinePage(data: ApiOutputs['quarantine']['list']): QuarantinePage {
  if (!isDecimalInteger(data.total)) throw new Error(`quarantine.list returned total ${JSON.stringify(data.total)}, expected a whole number`);
  return { records: data.rows.map(toQuarantineRecord), total: Number(data.total), totalLabel: formatCount(data.total) };
}
