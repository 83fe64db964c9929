// Matches by rule is remembered while payment_matches does not change, and computed again as
// soon as it does: a new match, or a match whose evidence time falls between the moment it
// was computed for and the moment asked for. Rows are written straight into payment_matches
// (the matcher's table), amounts worked by hand.
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { matchesByRule } from '../../server/metrics/matches-by-rule.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';

let store: FreshClickHouse;
let ch: ClickHouseClient;
/** Summary statements sent (the grouping by rule), counted through a proxy of the client. */
let computed = 0;
beforeAll(async () => {
  store = await freshClickHouse();
  ch = new Proxy(store.ch, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'query') {
        return (args: { query: string }) => {
          if (args.query.includes('GROUP BY rule, currency')) computed++;
          return value.call(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
});
afterAll(() => store?.close());

const match = (entry: string, doc: string, amount: string, evidence: string, matchedAt: string) => ({
  entity: 'DE01', bank_entry_id: entry, document_type: 'payment', document_id: doc, rule: 'exact_reference', matched_on: 'end_to_end_id',
  group_id: '', credit_debit: 'DBIT', currency: 'EUR', entry_amount: amount, document_amount: amount, difference: '0',
  within_tolerance: 1, evidence_time: evidence, matched_at: matchedAt,
});
const write = (...rows: object[]) => store.ch.insert({ table: 'payment_matches', values: rows, format: 'JSONEachRow' });
const summary = (rows: Awaited<ReturnType<typeof matchesByRule>>) => rows.map((r) => [r.rule, r.currency, r.bank_entries, r.documents, r.document_amount]);

it('answers from memory while nothing changed, and again from the table after each change', async () => {
  const now = '2026-11-20 12:00:00.000';
  await write(match('BE-1', 'PAY-1', '100.00', '2026-11-02 09:00:00.000', '2026-11-26 10:00:00.000'));
  expect(summary(await matchesByRule(ch, {}, now))).toEqual([['exact_reference', 'EUR', '1', '1', '100']]);
  expect(computed).toBe(1);
  // nothing changed: from memory, no summary statement
  expect(summary(await matchesByRule(ch, {}, now))).toEqual([['exact_reference', 'EUR', '1', '1', '100']]);
  expect(computed).toBe(1);

  // a new match: computed again
  await write(match('BE-2', 'PAY-2', '20.50', '2026-11-03 09:00:00.000', '2026-11-26 10:05:00.000'));
  expect(summary(await matchesByRule(ch, {}, now))).toEqual([['exact_reference', 'EUR', '2', '2', '120.5']]);
  expect(computed).toBe(2);

  // a match dated between two moments: known at the later one only
  await write(match('BE-3', 'PAY-3', '7.25', '2026-11-21 09:00:00.000', '2026-11-26 10:10:00.000'));
  expect(summary(await matchesByRule(ch, {}, now))).toEqual([['exact_reference', 'EUR', '2', '2', '120.5']]);
  expect(summary(await matchesByRule(ch, {}, '2026-11-22 00:00:00.000'))).toEqual([['exact_reference', 'EUR', '3', '3', '127.75']]);
  expect(summary(await matchesByRule(ch, {}, now))).toEqual([['exact_reference', 'EUR', '2', '2', '120.5']]);

  // another filter is its own answer
  expect(summary(await matchesByRule(ch, { entities: ['US01'] }, now))).toEqual([]);
  expect(computed).toBe(6); // each call since the new match computed: a new row, then moments either side of a dated match, then another filter
});
