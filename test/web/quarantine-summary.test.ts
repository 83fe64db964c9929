// quarantine.summary rows → the top sources strip, with exact counts.
import { describe, expect, it } from 'vitest';
import { parseSummaryRows, topSources, type SummaryRow } from '../../web/src/quarantine/quarantine-summary.ts';

const row = (source: string, path: string, records: string): SummaryRow => ({ source, channel: 'events', first_error_path: path, records, last_at: '2026-11-26 06:32:15.930' });

describe('topSources', () => {
  const rows = [
    row('erp/sap-s4', 'data.amount', '12'),
    row('middleware/bank-connect', 'data.amount', '15'),
    row('erp/sap-s4', 'id', '5'),
    row('erp/sap-s4', 'data.entity', '4'),
    row('erp/sap-s4', 'time', '1'),
    row('', '(record)', '11'),
    row('bank/ing', 'time', '1'),
  ];

  it('ranks sources by their total and their paths by count, limited', () => {
    const top = topSources(rows, { sources: 2, pathsPerSource: 2 }, 'en-US');
    expect(top.map((s) => [s.source, s.records])).toEqual([
      ['erp/sap-s4', '22'],
      ['middleware/bank-connect', '15'],
    ]);
    expect(top[0]!.paths.map((p) => [p.path, p.records])).toEqual([
      ['data.amount', '12'],
      ['id', '5'],
    ]);
    expect(top[0]!.otherPaths).toBe(2);
  });

  it('names the records without a readable source', () => {
    expect(topSources(rows).find((s) => s.source === '')?.sourceLabel).toBe('(unknown source)');
  });

  it('adds the same source over channels exactly, beyond float precision', () => {
    const top = topSources([row('a', 'x', '9007199254740993'), { ...row('a', 'x', '1'), channel: 'traces' }], undefined, 'en-US');
    expect(top[0]).toMatchObject({ records: '9007199254740994', recordsLabel: '9,007,199,254,740,994' });
    expect(top[0]!.paths).toEqual([{ path: 'x', records: '9007199254740994', recordsLabel: '9,007,199,254,740,994' }]);
  });
});

describe('parseSummaryRows', () => {
  it('accepts the documented shape', () => {
    expect(parseSummaryRows([row('a', 'x', '1')])).toHaveLength(1);
  });

  it('refuses a malformed row loudly, naming it', () => {
    expect(() => parseSummaryRows([row('a', 'x', '1'), { source: 'b', records: 2 }])).toThrow(/row 1/);
    expect(() => parseSummaryRows([row('a', 'x', '1.5')])).toThrow(/row 0/);
  });
});
