// Decides each record's fate — accepted, duplicate, or rejected with reasons — and turns
// the outcome into spool lines (events and quarantine entries) plus the client's answer.
import type { ApiKeyPrincipal } from '../auth/api-key-store.ts';
import { sourceAllowed } from '../auth/source-scope.ts';
import type { ParsedRecord } from '../http/parse-records.ts';
import { quarantineLine } from '../quarantine/quarantine-record.ts';
import { financeEventLine } from './event-row.ts';
import type { RecordError } from './record-error.ts';
import { RecentIdentities, type IdentityKey } from './recent-identities.ts';
import { validateEvent } from './validate-event.ts';

export interface Rejection {
  index: number;
  id: string | null;
  errors: RecordError[];
}

export interface AcceptOutcome {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** Rejections caused only by the key's source scope. */
  outOfScope: number;
  lines: string[];
  /** Identities to remember once the lines are durable. */
  identities: IdentityKey[];
  /** Per source: [accepted, rejected, duplicates]. */
  bySource: Map<string, [number, number, number]>;
}

/**
 * Decides every record. Each record's parsed value and text are let go once it is decided
 * (the caller needs the array only for its length), so a large batch is not held in memory
 * while its spool lines are being made durable.
 */
export function acceptRecords(records: ParsedRecord[], principal: ApiKeyPrincipal, recent: RecentIdentities, nowMs: number): AcceptOutcome {
  const out: AcceptOutcome = { accepted: 0, duplicates: 0, rejected: [], outOfScope: 0, lines: [], identities: [], bySource: new Map() };
  const inBatch = new Set<IdentityKey>();
  const count = (source: string, slot: 0 | 1 | 2) => {
    const entry = out.bySource.get(source) ?? [0, 0, 0];
    entry[slot]++;
    out.bySource.set(source, entry);
  };
  for (const record of records) {
    decide(record);
    record.value = undefined;
    record.raw = '';
  }
  return out;

  function decide(record: ParsedRecord): void {
    const result = record.parseError !== undefined
      ? { ok: false as const, errors: [{ path: '(record)', message: `is not valid JSON: ${record.parseError}` }] }
      : validateEvent(record.value);
    if (result.ok && !sourceAllowed(result.event.source, principal.sourcePatterns)) {
      out.outOfScope++;
      reject(out, record, principal, nowMs, { id: result.event.id, source: result.event.source, type: result.event.type }, [
        { path: 'source', message: `"${result.event.source}" is not allowed for this API key (allowed: ${principal.sourcePatterns.join(', ')})` },
      ]);
      count(result.event.source, 1);
      return;
    }
    if (!result.ok) {
      reject(out, record, principal, nowMs, result, result.errors);
      // A refused record's source is unverified: only a source the key may send as becomes a metric label.
      const claimed = result.source ?? '';
      count(claimed && sourceAllowed(claimed, principal.sourcePatterns) ? claimed : '(unverified)', 1);
      return;
    }
    const key = RecentIdentities.key(result.event.source, result.event.id);
    if (inBatch.has(key) || recent.has(key)) {
      out.duplicates++;
      count(result.event.source, 2);
      return;
    }
    inBatch.add(key);
    out.identities.push(key);
    out.lines.push(financeEventLine(result.event, nowMs));
    out.accepted++;
    count(result.event.source, 0);
  }
}

function reject(
  out: AcceptOutcome,
  record: ParsedRecord,
  principal: ApiKeyPrincipal,
  nowMs: number,
  claimed: { id?: string; source?: string; type?: string },
  errors: RecordError[],
): void {
  out.rejected.push({ index: record.index, id: claimed.id ?? null, errors });
  out.lines.push(
    quarantineLine({
      channel: 'events',
      raw: record.raw,
      errors,
      source: claimed.source,
      eventId: claimed.id,
      eventType: claimed.type,
      apiKeyPrefix: principal.prefix,
      receivedAtMs: nowMs,
    }),
  );
}
