// Maps quarantine.replay results to what the user reads per record — replayed (with the new
// event id), still invalid (with the new reasons), not found or not replayable (with why) —
// and to a one-line tally for a batch.
import { formatDateTime } from '../components/format-date-time.ts';
import type { ApiOutputs } from '../lib/trpc.ts';
import { notReplayableReason, statuses, type QuarantineRecord, type Reason } from './quarantine-record.ts';

export type ReplayResult = ApiOutputs['quarantine']['replay'][number];

export interface ReplayOutcome {
  quarantineId: string;
  kind: ReplayResult['outcome'];
  tone: 'emerald' | 'rose' | 'amber';
  title: string;
  reasons: Reason[];
}

export function toReplayOutcome(result: ReplayResult): ReplayOutcome {
  switch (result.outcome) {
    case 'replayed':
      return { quarantineId: result.quarantineId, kind: result.outcome, tone: 'emerald', title: `Replayed — stored as event ${result.eventId}`, reasons: [] };
    case 'still_invalid':
      return {
        quarantineId: result.quarantineId,
        kind: result.outcome,
        tone: 'rose',
        title: `Still invalid — ${result.errors.length} ${result.errors.length === 1 ? 'reason' : 'reasons'}`,
        reasons: result.errors.map((e) => ({ path: e.path, message: e.message })),
      };
    case 'not_found':
      return { quarantineId: result.quarantineId, kind: result.outcome, tone: 'amber', title: `Not found — ${result.reason}`, reasons: [] };
    case 'not_replayable':
      return { quarantineId: result.quarantineId, kind: result.outcome, tone: 'amber', title: `Not replayable — ${result.reason}`, reasons: [] };
  }
}

/** "3 replayed, 1 still invalid" for a batch, largest groups first in a fixed order. */
export function tallyOutcomes(outcomes: readonly ReplayOutcome[]): string {
  const order: [ReplayResult['outcome'], string][] = [
    ['replayed', 'replayed'],
    ['still_invalid', 'still invalid'],
    ['not_replayable', 'not replayable'],
    ['not_found', 'not found'],
  ];
  const parts = order.map(([kind, words]) => [outcomes.filter((o) => o.kind === kind).length, words] as const).filter(([n]) => n > 0);
  return parts.length === 0 ? 'nothing replayed' : parts.map(([n, words]) => `${n} ${words}`).join(', ');
}

/** A replay answered in this session, with the payload that was tried. */
export interface AnsweredReplay {
  outcome: ReplayOutcome;
  correctedRaw?: string;
  atMs: number;
}

/**
 * The record as the replay left it, for when the list has not caught up (or the record left
 * the filtered list): replayed, or refused again with the new reasons and the payload tried.
 * A newer state from the server wins.
 */
export function applyReplay(record: QuarantineRecord, answered: AnsweredReplay | undefined): QuarantineRecord {
  if (answered === undefined || (record.statusAtMs !== null && record.statusAtMs > answered.atMs)) return record;
  const { outcome } = answered;
  if (outcome.kind !== 'replayed' && outcome.kind !== 'still_invalid') return record;
  const status = outcome.kind === 'replayed' ? 'replayed' : 'replay_failed';
  return {
    ...record,
    status,
    statusLabel: statuses[status]!.label,
    statusColor: statuses[status]!.color,
    statusAtMs: answered.atMs,
    statusAtLabel: formatDateTime(answered.atMs, { seconds: true }),
    reasons: outcome.kind === 'replayed' ? [] : outcome.reasons,
    raw: answered.correctedRaw ?? record.raw,
    notReplayable: notReplayableReason({ status, channel: record.channel }),
  };
}
