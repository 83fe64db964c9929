// The global period: parsed from the URL, turned into a query window, labelled.
import { describe, expect, it } from 'vitest';
import { parsePeriod, periodChoices, periodLabel, periodParams, periodValue, periodWindow } from '../../web/src/url-state/period.ts';

const now = Date.UTC(2026, 10, 26, 6, 29, 42, 123);

describe('parsePeriod', () => {
  it('reads recent spans and calendar months', () => {
    expect(parsePeriod({ period: '24h' })).toEqual({ kind: 'recent', span: '24h' });
    expect(parsePeriod({ period: '2026-11' })).toEqual({ kind: 'month', month: '2026-11' });
  });

  it('prefers an exact from/to range, normalised to ISO', () => {
    expect(parsePeriod({ period: '24h', from: '2026-11-25T06:00:00+01:00', to: '2026-11-26T06:00:00Z' })).toEqual({
      kind: 'range',
      from: '2026-11-25T05:00:00.000Z',
      to: '2026-11-26T06:00:00.000Z',
    });
  });

  it('treats anything invalid as all time', () => {
    for (const values of [{}, { period: '2h' }, { period: '2026-13' }, { from: 'yesterday', to: '2026-11-26T06:00:00Z' }, { from: '2026-11-26T07:00:00Z', to: '2026-11-26T06:00:00Z' }]) {
      expect(parsePeriod(values)).toEqual({ kind: 'all' });
    }
  });
});

describe('periodWindow', () => {
  it('starts a recent span on the whole minute, open-ended', () => {
    expect(periodWindow({ kind: 'recent', span: '1h' }, now)).toEqual({ from: '2026-11-26T05:29:00.000Z' });
    expect(periodWindow({ kind: 'recent', span: '1h' }, now + 10_000)).toEqual(periodWindow({ kind: 'recent', span: '1h' }, now));
  });

  it('covers a calendar month in UTC, December into the next year', () => {
    expect(periodWindow({ kind: 'month', month: '2026-12' }, now)).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  });

  it('has no bounds for all time and the exact bounds for a range', () => {
    expect(periodWindow({ kind: 'all' }, now)).toEqual({});
    expect(periodWindow({ kind: 'range', from: 'a', to: 'b' }, now)).toEqual({ from: 'a', to: 'b' });
  });
});

describe('period in the URL and on screen', () => {
  it('writes all three parameters so one kind replaces another', () => {
    expect(periodParams({ kind: 'recent', span: '7d' })).toEqual({ period: '7d', from: undefined, to: undefined });
    expect(periodParams({ kind: 'range', from: 'a', to: 'b' })).toEqual({ period: undefined, from: 'a', to: 'b' });
    expect(periodParams({ kind: 'all' })).toEqual({ period: undefined, from: undefined, to: undefined });
  });

  it('labels each kind', () => {
    expect(periodLabel({ kind: 'all' })).toBe('All time');
    expect(periodLabel({ kind: 'recent', span: '30d' })).toBe('Last 30 days');
    expect(periodLabel({ kind: 'month', month: '2026-11' })).toBe('November 2026 (UTC)');
    expect(periodLabel({ kind: 'range', from: '2026-11-25T06:00:00.000Z', to: '2026-11-26T06:30:00.000Z' })).toBe('25 Nov 2026, 06:00 – 26 Nov 2026, 06:30 UTC');
  });

  it('offers all time, the spans and the last three months, with the select value of each', () => {
    const choices = periodChoices(Date.UTC(2026, 0, 15));
    expect(choices.map((c) => c.value)).toEqual(['', '1h', '24h', '7d', '30d', '2026-01', '2025-12', '2025-11']);
    expect(periodValue({ kind: 'month', month: '2026-01' })).toBe('2026-01');
    expect(periodValue({ kind: 'all' })).toBe('');
  });
});
