// Business time is an RFC 3339 instant with an offset that exists on the calendar; dates in
// data are YYYY-MM-DD that exist. Each refusal names the part that is wrong.
import { describe, expect, it } from 'vitest';
import { accepted, errorsOf, withAttributes, withData } from './rejection.ts';

describe('time', () => {
  it.each([
    ['2026-02-30T00:00:00Z', 'day 30 does not exist in 2026-02'],
    ['2026-13-01T00:00:00Z', 'month 13 does not exist'],
    ['2026-00-10T00:00:00Z', 'month 00 does not exist'],
    ['2026-11-20T25:00:00Z', 'hour 25 does not exist (00–23)'],
    ['2026-11-20T10:60:00Z', 'minute 60 does not exist (00–59)'],
    ['2026-12-31T23:59:60Z', 'second 60 does not exist (00–59; leap seconds are not accepted)'],
    ['2026-11-20T10:15:00+24:00', 'offset +24:00 is not a valid UTC offset'],
    ['2026-11-20T10:15:00', 'has no UTC offset; add Z or ±hh:mm, e.g. 2026-11-20T10:15:00Z'],
    ['2026-11-20', 'is a date without a time; send an RFC 3339 timestamp such as 2026-11-20T10:15:00Z'],
    ['20 Nov 2026 10:15', 'must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T10:15:00Z'],
    ['1969-12-31T23:59:59Z', 'year 1969 is outside the accepted range 1970–2199'],
    ['1970-01-01T00:30:00+01:00', 'is outside the accepted range 1970-01-01T00:00:00Z to 2199-12-31T23:59:59Z'],
  ])('rejects %j', (time, message) => {
    expect(errorsOf(withAttributes({ time }))).toEqual([{ path: 'time', message }]);
  });

  it('rejects a time sent as epoch milliseconds', () => {
    expect(errorsOf(withAttributes({ time: 1795169700000 }))).toEqual([{ path: 'time', message: 'must be an RFC 3339 timestamp string (got number)' }]);
  });

  it('normalises an offset to UTC', () => {
    expect(accepted(withAttributes({ time: '2026-11-20T11:15:00+01:00' })).timeMs).toBe(Date.UTC(2026, 10, 20, 10, 15));
  });

  it('accepts 29 February in a leap year', () => {
    expect(accepted(withAttributes({ time: '2028-02-29T00:00:00Z' })).timeMs).toBe(Date.UTC(2028, 1, 29));
  });
});

describe('dates in data', () => {
  it.each([
    ['2026-02-29', 'day 29 does not exist in 2026-02'],
    ['2026-04-31', 'day 31 does not exist in 2026-04'],
    ['2026-13-01', 'month 13 does not exist'],
    ['2026-12-20T00:00:00Z', 'must be a date YYYY-MM-DD'],
    ['20.12.2026', 'must be a date YYYY-MM-DD'],
  ])('rejects due_date %j', (due_date, message) => {
    expect(errorsOf(withData({ due_date }))).toEqual([{ path: 'data.due_date', message }]);
  });
});
