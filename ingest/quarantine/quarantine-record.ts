// A refused record as it is kept in the quarantine: raw payload, every reason, where it came from.
import { randomUUID } from 'node:crypto';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { RecordError } from '../events/record-error.ts';

export type QuarantineChannel = 'events' | 'traces' | 'bank-files';

/** Raw payloads beyond this are cut (the cut is stated in the reasons). */
export const maxRawBytes = 256 * 1024;

export interface QuarantineInput {
  channel: QuarantineChannel;
  raw: string;
  errors: RecordError[];
  source?: string;
  eventId?: string;
  eventType?: string;
  apiKeyPrefix?: string;
  receivedAtMs: number;
}

/** The quarantine row for a refused record. */
export function quarantineRow(input: QuarantineInput, id: string = randomUUID()) {
  const cut = input.raw.length > maxRawBytes;
  const errors = cut ? [...input.errors, { path: '(record)', message: `raw payload of ${input.raw.length} characters kept only in part (first ${maxRawBytes})` }] : input.errors;
  const at = toClickHouseDateTime64(input.receivedAtMs);
  // Unpaired surrogates cannot be stored as UTF-8; they become U+FFFD in the kept copy.
  const text = (s: string | undefined) => (s ?? '').toWellFormed();
  const row = {
    quarantine_id: id,
    received_at: at,
    channel: input.channel,
    source: text(input.source),
    event_id: text(input.eventId),
    event_type: text(input.eventType),
    api_key_prefix: text(input.apiKeyPrefix),
    raw: text(cut ? input.raw.slice(0, maxRawBytes) : input.raw),
    error_paths: errors.map((e) => text(e.path)),
    error_messages: errors.map((e) => text(e.message)),
    status: 'quarantined',
    status_at: at,
    version: input.receivedAtMs,
  };
  return row;
}

/** The same row as a spool line. */
export function quarantineLine(input: QuarantineInput, id?: string): string {
  return `quarantine\t${JSON.stringify(quarantineRow(input, id))}\n`;
}
