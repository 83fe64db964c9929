// The payment matcher looks only at what arrived since its last run: a document that arrives
// later matches an entry left open, an entry that arrives later matches a document left open,
// a run with nothing new writes nothing, and a restarted server carries on from the
// registered run instead of matching everything again. All DE01, EUR, tolerance 0.01, date
// window 3 days (the defaults).
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClickHouse } from '../../platform/clickhouse/client.ts';
import { runPaymentMatcher, type PaymentMatcherOptions } from '../../server/matching/payment-matcher.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let settings: FinanceSettings;
beforeAll(async () => {
  ingest = await startTestIngest();
  settings = await loadFinanceSettings(ingest.postgres.db);
});
afterAll(() => ingest?.close());

type Data = Record<string, string>;
const event = (id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source: 'test/incremental', type, time, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const payment = (id: string, amount: string, name: string, day: string, extra: Data = {}) =>
  event(`${id}.sent`, 'finance.payment.sent', `${day}T09:00:00Z`, { document_type: 'payment', document_id: id, amount, counterparty_name: name, value_date: day, ...extra });
const bankEntry = (id: string, amount: string, name: string, day: string, extra: Data = {}) =>
  event(`${id}.booked`, 'finance.bank_entry.booked', `${day}T20:00:00Z`,
    { document_type: 'bank_entry', document_id: id, amount, credit_debit: 'DBIT', value_date: day, account: 'DE89370400440532013000', counterparty_name: name, ...extra });

// No margin: a test's events are all stored before the run starts (ingest has drained).
const match = (opts: PaymentMatcherOptions = {}, ch: ClickHouseClient = ingest.clickhouse.ch) =>
  runPaymentMatcher(ch, settings, { marginMs: 0, maxChangedRows: Infinity, ...opts });

async function arrive(...events: unknown[]): Promise<void> {
  await ingest.post(events);
  await ingest.drained();
}

async function matched(): Promise<[string, string, string][]> {
  const result = await ingest.clickhouse.ch.query({
    query: `SELECT bank_entry_id, document_id, rule FROM payment_matches FINAL WHERE within_tolerance = 1 ORDER BY bank_entry_id, document_id`,
    format: 'JSONEachRow',
  });
  return (await result.json<{ bank_entry_id: string; document_id: string; rule: string }>()).map((r) => [r.bank_entry_id, r.document_id, r.rule]);
}

/** The client, with every statement that writes (command, insert) recorded. */
function recordingWrites(ch: ClickHouseClient): { ch: ClickHouseClient; writes: string[] } {
  const writes: string[] = [];
  const proxy = new Proxy(ch, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'command' || prop === 'insert') {
        return (args: { query?: string; table?: string }) => {
          writes.push(args.query ?? `INSERT INTO ${args.table}`);
          return value.call(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ch: proxy, writes };
}

// First run (full): BE-1 (e2e E2E-LATE) and PAY-2 (Keller AG 310.00, value date 3 Nov) are
// open. Then PAY-1 with e2e E2E-LATE arrives: the next run matches it to BE-1 by exact
// reference; BE-2 (KELLER AG DBIT 310.00, 4 Nov) arrives: it matches PAY-2 by counterparty,
// amount and date.
it('matches a document that arrives later with an open entry, and an entry that arrives later with an open document', async () => {
  await arrive(bankEntry('BE-1', '120.00', 'ALPHA GMBH', '2026-11-02', { end_to_end_id: 'E2E-LATE' }), payment('PAY-2', '310.00', 'Keller AG', '2026-11-03'));
  expect(await match()).toMatchObject({ outcome: 'full' });
  expect(await matched()).toEqual([]);

  await arrive(payment('PAY-1', '120.00', 'Alpha GmbH', '2026-11-01', { end_to_end_id: 'E2E-LATE' }));
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  expect(await matched()).toEqual([['BE-1', 'PAY-1', 'exact_reference']]);

  await arrive(bankEntry('BE-2', '310.00', 'KELLER AG', '2026-11-04'));
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  expect(await matched()).toEqual([['BE-1', 'PAY-1', 'exact_reference'], ['BE-2', 'PAY-2', 'counterparty_amount_date']]);
});

it('writes nothing when nothing arrived since the last run, and says up to when the matches are complete', async () => {
  const last = await match();
  const { ch, writes } = recordingWrites(ingest.clickhouse.ch);
  const before = await matched();
  const run = await match({}, ch);
  expect(run).toEqual({ outcome: 'unchanged', matchedThrough: last.matchedThrough });
  expect(writes).toEqual([]);
  expect(await matched()).toEqual(before);
  // the last run's watermark: before now, after the events it matched were stored
  const [times] = await (await ingest.clickhouse.ch.query({
    query: `SELECT toString(now64(3)) AS now, toString(max(inserted_at)) AS stored FROM settlement_state`, format: 'JSONEachRow',
  })).json<{ now: string; stored: string }>();
  expect(run.matchedThrough! <= times!.now).toBe(true);
  expect(run.matchedThrough! >= times!.stored).toBe(true);
});

it('carries on from the registered run after a restart instead of matching everything again', async () => {
  const restarted = createClickHouse(ingest.clickhouse.connection);
  try {
    await arrive(payment('PAY-3', '75.25', 'Gamma SA', '2026-11-05', { end_to_end_id: 'E2E-RESTART' }));
    expect(await match({}, restarted)).toMatchObject({ outcome: 'incremental' });
    await arrive(bankEntry('BE-3', '75.25', 'GAMMA SA', '2026-11-06', { end_to_end_id: 'E2E-RESTART' }));
    expect(await match({}, restarted)).toMatchObject({ outcome: 'incremental' });
    expect(await matched()).toContainEqual(['BE-3', 'PAY-3', 'exact_reference']);
  } finally {
    await restarted.close();
  }
});

// Two identical supplier payments and two identical bank entries of one counterparty, all
// arriving together: both entries' best document is PAY-4a (lowest id), which goes to BE-4a;
// BE-4b then takes PAY-4b in the same run, not whenever something else happens to arrive.
it('matches the entry that lost a document to another with its next candidate in the same run', async () => {
  await arrive(
    payment('PAY-4a', '500.00', 'Delta Oy', '2026-11-09'), payment('PAY-4b', '500.00', 'Delta Oy', '2026-11-09'),
    bankEntry('BE-4a', '500.00', 'DELTA OY', '2026-11-10'), bankEntry('BE-4b', '500.00', 'DELTA OY', '2026-11-10'),
  );
  await match();
  const delta = (await matched()).filter(([entry]) => entry.startsWith('BE-4'));
  expect(delta).toEqual([['BE-4a', 'PAY-4a', 'counterparty_amount_date'], ['BE-4b', 'PAY-4b', 'counterparty_amount_date']]);
});

// A document that settles two open entries of one day together (one-to-many): BE-5a 200.00
// and BE-5b 100.00 (Epsilon BV, 12 Nov) are open; PAY-5 300.00 arrives and matches both.
it('matches a document that arrives later with a group of open entries', async () => {
  await arrive(bankEntry('BE-5a', '200.00', 'EPSILON BV', '2026-11-12'), bankEntry('BE-5b', '100.00', 'EPSILON BV', '2026-11-12'));
  await match();
  await arrive(payment('PAY-5', '300.00', 'Epsilon BV', '2026-11-12'));
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  expect((await matched()).filter(([entry]) => entry.startsWith('BE-5'))).toEqual([['BE-5a', 'PAY-5', 'one_to_many'], ['BE-5b', 'PAY-5', 'one_to_many']]);
});

// Two documents of one day that together settle an open entry (many-to-one): BE-7 450.00
// (Eta SA, 13 Nov) is open; PAY-7a 300.00 and PAY-7b 150.00 arrive and match it together.
// The pass writes its candidates to a partition of its own and drops it when done.
it('matches documents that arrive later as a group with an open entry, and leaves no pass behind', async () => {
  await arrive(bankEntry('BE-7', '450.00', 'ETA SA', '2026-11-13'));
  await match();
  await arrive(payment('PAY-7a', '300.00', 'Eta SA', '2026-11-13'), payment('PAY-7b', '150.00', 'Eta SA', '2026-11-13'));
  const { ch, writes } = recordingWrites(ingest.clickhouse.ch);
  expect(await match({}, ch)).toMatchObject({ outcome: 'incremental' });
  expect((await matched()).filter(([entry]) => entry.startsWith('BE-7'))).toEqual([['BE-7', 'PAY-7a', 'many_to_one'], ['BE-7', 'PAY-7b', 'many_to_one']]);
  expect(writes.some((w) => w.includes('INSERT INTO matching_candidates'))).toBe(true);
  const left = await ingest.clickhouse.ch.query({ query: 'SELECT count() AS n FROM matching_candidates', format: 'JSONEachRow' });
  expect(await left.json()).toEqual([{ n: '0' }]);
});

it('defers to the background catch-up when more arrived than the bound, and says up to when matches are complete', async () => {
  const settled = await match();
  await arrive(payment('PAY-6', '42.00', 'Zeta AB', '2026-11-13', { end_to_end_id: 'E2E-DEFER' }), bankEntry('BE-6', '42.00', 'ZETA AB', '2026-11-13', { end_to_end_id: 'E2E-DEFER' }));
  const { ch, writes } = recordingWrites(ingest.clickhouse.ch);
  const deferred = await match({ maxChangedRows: 1 }, ch);
  // complete up to the last run, as before the new events arrived
  expect(deferred).toEqual({ outcome: 'deferred', matchedThrough: settled.matchedThrough });
  expect(writes).toEqual([]);
  expect(await matched()).not.toContainEqual(['BE-6', 'PAY-6', 'exact_reference']);
  await match();
  expect(await matched()).toContainEqual(['BE-6', 'PAY-6', 'exact_reference']);
});

// A backlog above the full-run threshold (a bulk load) is matched by a full run, with the same
// matches as passes over the changes would make: BE-8 and PAY-8 (Theta KG 75.00, 14 Nov).
it('matches a backlog above the full-run threshold with a full run', async () => {
  await match();
  await arrive(payment('PAY-8', '75.00', 'Theta KG', '2026-11-14'), bankEntry('BE-8', '75.00', 'THETA KG', '2026-11-14'));
  expect(await match({ fullRunAbove: { rows: 1, share: 0 } })).toMatchObject({ outcome: 'full' });
  expect(await matched()).toContainEqual(['BE-8', 'PAY-8', 'counterparty_amount_date']);
  expect(await match()).toMatchObject({ outcome: 'unchanged' });
});

it('starts over with a full run when the matching settings change', async () => {
  const wider: FinanceSettings = { ...settings, matching: { '*': { ...settings.matching['*']!, dateWindowDays: 5 } } };
  expect(await runPaymentMatcher(ingest.clickhouse.ch, wider, { marginMs: 0, maxChangedRows: Infinity })).toMatchObject({ outcome: 'full' });
  expect(await runPaymentMatcher(ingest.clickhouse.ch, wider, { marginMs: 0, maxChangedRows: Infinity })).toMatchObject({ outcome: 'unchanged' });
});
