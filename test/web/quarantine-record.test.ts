// quarantine.list rows → table and detail rows: reasons paired, times readable, replay offered only where it can work.
import { describe, expect, it } from 'vitest';
import { notReplayableReason, toQuarantinePage, toQuarantineRecord, zipReasons } from '../../web/src/quarantine/quarantine-record.ts';
import { quarantineRow } from './quarantine-rows.ts';

describe('toQuarantineRecord', () => {
  it('maps a row for display', () => {
    const record = toQuarantineRecord(quarantineRow());
    expect(record).toMatchObject({
      id: '94ba0c67-8882-48c3-b0fa-29523d1ed0df',
      receivedAt: '2026-11-26 06:32:15.930',
      receivedLabel: '26 Nov 2026, 06:32 UTC',
      receivedExactLabel: '26 Nov 2026, 06:32:15 UTC',
      sourceLabel: 'ap/coupa-eu',
      reasons: [{ path: 'data.amount', message: 'must be a decimal string such as "1250.00" (got number); JSON numbers lose cents' }],
      statusLabel: 'Quarantined',
      statusColor: 'amber',
      notReplayable: null,
    });
  });

  it('names a record whose source could not be read', () => {
    expect(toQuarantineRecord(quarantineRow({ source: '' })).sourceLabel).toBe('(unknown source)');
  });

  it('labels each status and keeps an unknown one visible', () => {
    expect(toQuarantineRecord(quarantineRow({ status: 'replay_failed' })).statusLabel).toBe('Replay failed');
    expect(toQuarantineRecord(quarantineRow({ status: 'replayed' })).statusColor).toBe('emerald');
    expect(toQuarantineRecord(quarantineRow({ status: 'archived' }))).toMatchObject({ statusLabel: 'archived', statusColor: 'gray' });
  });
});

describe('zipReasons', () => {
  it('pairs every path with its message, in order', () => {
    expect(zipReasons(['id', 'data.entity'], ['is required', 'is required'])).toEqual([
      { path: 'id', message: 'is required' },
      { path: 'data.entity', message: 'is required' },
    ]);
  });

  it('says so when a partner is missing rather than dropping the reason', () => {
    expect(zipReasons(['time'], [])).toEqual([{ path: 'time', message: '(no message recorded)' }]);
    expect(zipReasons([''], ['is not valid JSON'])).toEqual([{ path: '(record)', message: 'is not valid JSON' }]);
  });
});

describe('notReplayableReason', () => {
  it('follows the server’s rules', () => {
    expect(notReplayableReason({ status: 'quarantined', channel: 'events' })).toBeNull();
    expect(notReplayableReason({ status: 'replay_failed', channel: 'events' })).toBeNull();
    expect(notReplayableReason({ status: 'replayed', channel: 'events' })).toBe('Already replayed');
    expect(notReplayableReason({ status: 'quarantined', channel: 'bank-files' })).toMatch(/re-sending/);
  });
});

describe('toQuarantinePage', () => {
  it('maps the rows and the total', () => {
    const page = toQuarantinePage({ rows: [quarantineRow()], total: '12345' });
    expect(page.records).toHaveLength(1);
    expect(page.total).toBe(12345);
    expect(page.totalLabel).toMatch(/^12.345$/);
  });

  it('fails on a total that is not a whole number, so the page shows an error rather than a wrong count', () => {
    expect(() => toQuarantinePage({ rows: [], total: 'NaN' })).toThrow(/quarantine\.list returned total/);
  });
});
