// quarantine.replay results → what the user reads per record, a batch's tally, and the record as the replay left it.
import { describe, expect, it } from 'vitest';
import { toQuarantineRecord } from '../../web/src/quarantine/quarantine-record.ts';
import { applyReplay, tallyOutcomes, toReplayOutcome } from '../../web/src/quarantine/replay-outcome.ts';
import { quarantineRow } from './quarantine-rows.ts';

describe('toReplayOutcome', () => {
  it('says a replayed record became an event', () => {
    expect(toReplayOutcome({ quarantineId: 'q1', outcome: 'replayed', eventId: 'INV-1~bad' })).toEqual({
      quarantineId: 'q1',
      kind: 'replayed',
      tone: 'emerald',
      title: 'Replayed — stored as event INV-1~bad',
      reasons: [],
    });
  });

  it('lists the new reasons of a record that is still invalid', () => {
    const outcome = toReplayOutcome({ quarantineId: 'q2', outcome: 'still_invalid', errors: [{ path: 'data.currency', message: 'is required when amount is given' }] });
    expect(outcome).toMatchObject({ tone: 'rose', title: 'Still invalid — 1 reason', reasons: [{ path: 'data.currency', message: 'is required when amount is given' }] });
  });

  it('passes on why a record could not be replayed', () => {
    expect(toReplayOutcome({ quarantineId: 'q3', outcome: 'not_replayable', reason: 'already replayed' }).title).toBe('Not replayable — already replayed');
    expect(toReplayOutcome({ quarantineId: 'q4', outcome: 'not_found', reason: 'no quarantined record with this id' }).tone).toBe('amber');
  });
});

describe('tallyOutcomes', () => {
  it('counts each kind in a fixed order and leaves out absent ones', () => {
    const outcomes = [
      toReplayOutcome({ quarantineId: 'a', outcome: 'still_invalid', errors: [] }),
      toReplayOutcome({ quarantineId: 'b', outcome: 'replayed', eventId: 'e' }),
      toReplayOutcome({ quarantineId: 'c', outcome: 'replayed', eventId: 'f' }),
    ];
    expect(tallyOutcomes(outcomes)).toBe('2 replayed, 1 still invalid');
    expect(tallyOutcomes([])).toBe('nothing replayed');
  });
});

describe('applyReplay', () => {
  const record = toQuarantineRecord(quarantineRow({ status_at: '2026-11-26 06:32:15.930' }));
  const at = Date.UTC(2026, 10, 26, 7, 0, 5);

  it('shows a replayed record as replayed and no longer replayable', () => {
    const after = applyReplay(record, { outcome: toReplayOutcome({ quarantineId: record.id, outcome: 'replayed', eventId: 'e' }), atMs: at });
    expect(after).toMatchObject({ status: 'replayed', statusLabel: 'Replayed', statusAtLabel: '26 Nov 2026, 07:00:05 UTC', reasons: [], notReplayable: 'Already replayed' });
  });

  it('shows a record refused again with the new reasons and the payload that was tried', () => {
    const outcome = toReplayOutcome({ quarantineId: record.id, outcome: 'still_invalid', errors: [{ path: 'data.currency', message: 'is required' }] });
    const after = applyReplay(record, { outcome, correctedRaw: '{"fixed":true}', atMs: at });
    expect(after).toMatchObject({ status: 'replay_failed', reasons: [{ path: 'data.currency', message: 'is required' }], raw: '{"fixed":true}', notReplayable: null });
  });

  it('keeps a newer state from the server, and the record as is without an answer or for other outcomes', () => {
    const newer = toQuarantineRecord(quarantineRow({ status: 'replayed', status_at: '2026-11-26 07:10:00.000' }));
    expect(applyReplay(newer, { outcome: toReplayOutcome({ quarantineId: record.id, outcome: 'still_invalid', errors: [] }), atMs: at })).toBe(newer);
    expect(applyReplay(record, undefined)).toBe(record);
    expect(applyReplay(record, { outcome: toReplayOutcome({ quarantineId: record.id, outcome: 'not_found', reason: 'gone' }), atMs: at })).toBe(record);
  });
});
