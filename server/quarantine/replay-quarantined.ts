// Replays quarantined records after their cause is fixed (the catalogue extended, a source
// corrected, or the operator supplying a corrected payload): each is validated again; the
// valid ones are stored as finance events and the record is marked replayed, the others
// stay quarantined with their new reasons. Every replay is audited.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import { financeEventRow } from '../../ingest/events/event-row.ts';
import type { RecordError } from '../../ingest/events/record-error.ts';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { parseRecordText } from '../../ingest/http/parse-records.ts';
import { quarantineRow } from '../../ingest/quarantine/quarantine-record.ts';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { quarantineListSql, type QuarantineRow } from '../../sql/queries/quarantine.sql.ts';

export interface ReplayRequest {
  quarantineId: string;
  /** A corrected payload; without it the original raw record is validated again. */
  correctedRaw?: string;
}

export type ReplayResult =
  | { quarantineId: string; outcome: 'replayed'; eventId: string }
  | { quarantineId: string; outcome: 'still_invalid'; errors: RecordError[] }
  | { quarantineId: string; outcome: 'not_found' | 'not_replayable'; reason: string };

export async function replayQuarantined(
  deps: { ch: ClickHouseClient; db: Kysely<Database>; actor: string },
  requests: ReplayRequest[],
): Promise<ReplayResult[]> {
  const ids = requests.map((r) => r.quarantineId);
  const found = await queryRows<QuarantineRow>(deps.ch, quarantineListSql({ ids }, { limit: ids.length, offset: 0 }));
  const byId = new Map(found.map((r) => [r.quarantine_id, r]));
  const now = Date.now();
  const results: ReplayResult[] = [];
  const events: object[] = [];
  const versions: object[] = [];
  for (const request of requests) {
    const record = byId.get(request.quarantineId);
    const result = replayOne(request, record, now, events, versions);
    results.push(result);
  }
  if (events.length) await deps.ch.insert({ table: 'finance_events', values: events, format: 'JSONEachRow' });
  if (versions.length) await deps.ch.insert({ table: 'quarantine', values: versions, format: 'JSONEachRow' });
  await deps.db
    .insertInto('audit_log')
    .values({ actor: deps.actor, action: 'quarantine.replay', target_type: 'quarantine', target_id: ids.join(',').slice(0, 2000), details: JSON.stringify(results) })
    .execute();
  return results;
}

function replayOne(request: ReplayRequest, record: QuarantineRow | undefined, now: number, events: object[], versions: object[]): ReplayResult {
  const quarantineId = request.quarantineId;
  if (!record) return { quarantineId, outcome: 'not_found', reason: 'no quarantined record with this id' };
  if (record.status === 'replayed') return { quarantineId, outcome: 'not_replayable', reason: 'already replayed' };
  if (record.channel !== 'events') return { quarantineId, outcome: 'not_replayable', reason: `records from ${record.channel} are replayed by re-sending them` };
  const raw = request.correctedRaw ?? record.raw;
  const parsed = parseRecordText(raw);
  if (parsed.parseError !== undefined) {
    return invalid(record, raw, [{ path: '(record)', message: `is not valid JSON: ${parsed.parseError}` }], now, versions);
  }
  const validation = validateEvent(parsed.value);
  if (!validation.ok) return invalid(record, raw, validation.errors, now, versions);
  events.push(financeEventRow(validation.event, now));
  versions.push({ ...storedVersion(record, raw, now), status: 'replayed', error_paths: [], error_messages: [] });
  return { quarantineId, outcome: 'replayed', eventId: validation.event.id };
}

function invalid(record: QuarantineRow, raw: string, errors: RecordError[], now: number, versions: object[]): ReplayResult {
  versions.push({ ...storedVersion(record, raw, now), status: 'replay_failed', error_paths: errors.map((e) => e.path), error_messages: errors.map((e) => e.message) });
  return { quarantineId: record.quarantine_id, outcome: 'still_invalid', errors };
}

/** A new version of the quarantine row (same id), carrying the payload that was tried. */
function storedVersion(record: QuarantineRow, raw: string, now: number) {
  const row = quarantineRow(
    { channel: 'events', raw, errors: [], source: record.source, eventId: record.event_id, eventType: record.event_type, apiKeyPrefix: record.api_key_prefix, receivedAtMs: now },
    record.quarantine_id,
  );
  return { ...row, received_at: record.received_at, version: Math.max(now, Number(record.version) + 1) };
}
