// The arithmetic timestamp formatter writes exactly what the former
// `new Date(ms).toISOString().replace('T', ' ').replace('Z', '')` wrote, and a spool line's
// `time` and `received_at` are those strings, also when received_at changes between requests.
import { describe, expect, it } from 'vitest';
import { financeEventLine } from '../../ingest/events/event-row.ts';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { invoiceEvent } from '../support/finance-events.ts';

const formerFormat = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const DAY = 86_400_000;
const YEAR_10000 = Date.UTC(10000, 0, 1);

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mismatches(instants: number[]): { ms: number; got: string; want: string }[] {
  const out: { ms: number; got: string; want: string }[] = [];
  for (const ms of instants) {
    const got = toClickHouseDateTime64(ms);
    const want = formerFormat(ms);
    if (got !== want) out.push({ ms, got, want });
  }
  return out.slice(0, 5);
}

describe('toClickHouseDateTime64', () => {
  it('matches the former formatter on 200 000 random instants across years 1970–9999', () => {
    const next = random(20261126);
    const instants = Array.from({ length: 200_000 }, () => Math.floor(next() * YEAR_10000));
    expect(mismatches(instants)).toEqual([]);
  });

  it('matches on every day from 1970 to 2200, at whole seconds (ms 000) and at random times', () => {
    const next = random(7);
    const instants: number[] = [];
    for (let day = 0; day < Date.UTC(2200, 0, 1) / DAY; day++) {
      instants.push(day * DAY, day * DAY + Math.floor(next() * 86_400) * 1000, day * DAY + Math.floor(next() * DAY), day * DAY + DAY - 1);
    }
    expect(mismatches(instants)).toEqual([]);
  });

  it('writes leap days, century rules and edges exactly', () => {
    expect(toClickHouseDateTime64(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29 23:59:59.999');
    expect(toClickHouseDateTime64(Date.UTC(2000, 1, 29, 0, 0, 0, 0))).toBe('2000-02-29 00:00:00.000');
    expect(toClickHouseDateTime64(Date.UTC(2100, 1, 28, 12) + DAY)).toBe('2100-03-01 12:00:00.000'); // 2100 is not a leap year
    expect(toClickHouseDateTime64(Date.UTC(2400, 1, 29, 1, 2, 3, 4))).toBe('2400-02-29 01:02:03.004');
    expect(toClickHouseDateTime64(0)).toBe('1970-01-01 00:00:00.000');
    expect(toClickHouseDateTime64(Date.UTC(9999, 11, 31, 23, 59, 59, 999))).toBe('9999-12-31 23:59:59.999');
    const edges = [0, -0, 1, 999, 1000, DAY - 1, DAY, YEAR_10000 - 1, YEAR_10000, YEAR_10000 + 1, -1, -DAY, Date.UTC(1900, 1, 28), Date.UTC(-5, 0, 1), 1.5, 8.64e15, -8.64e15];
    for (const ms of edges) expect(toClickHouseDateTime64(ms), `ms=${ms}`).toBe(formerFormat(ms));
  });

  it('throws for an invalid instant, as before', () => {
    expect(() => toClickHouseDateTime64(Number.NaN)).toThrow(RangeError);
    expect(() => toClickHouseDateTime64(8.64e15 + 1)).toThrow(RangeError);
  });

  it('is right when alternating between days (its per-day memory)', () => {
    const a = Date.UTC(2026, 10, 30, 23, 59, 59, 999);
    const b = a + 1;
    const c = Date.UTC(2024, 1, 29, 8);
    for (const ms of [a, b, a, c, b, c, a]) expect(toClickHouseDateTime64(ms)).toBe(formerFormat(ms));
  });
});

describe('financeEventLine', () => {
  it('writes time and received_at with the former format, for each request’s own received_at', () => {
    const next = random(42);
    const event = validateEvent(invoiceEvent({ time: '2028-02-29T23:59:59.000Z' }));
    if (!event.ok) throw new Error('test event invalid');
    const receivedAts = [Date.UTC(2026, 10, 26, 9, 0, 0, 0), Date.UTC(2026, 10, 26, 9, 0, 0, 1), Date.UTC(2026, 10, 26, 9, 0, 0, 0)];
    for (let i = 0; i < 50; i++) receivedAts.push(Math.floor(next() * Date.UTC(2200, 0, 1)));
    for (const receivedAt of receivedAts) {
      for (let repeat = 0; repeat < 2; repeat++) {
        const row = JSON.parse(financeEventLine(event.event, receivedAt).replace(/^finance_events\t/, ''));
        expect(row.time).toBe('2028-02-29 23:59:59.000');
        expect(row.received_at).toBe(formerFormat(receivedAt));
      }
    }
  });
});
