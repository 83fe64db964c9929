// Unmatched payments read from what the payment matcher keeps after each run
// (server/matching/unmatched-items.ts) equal the unmatched rule applied to every document, at
// every step: right after a run, with documents and matches that arrive after it (read
// through the recomputed part), with a match dated in the future (volatile), and across new
// epochs — where the epoch before the previous one is dropped. All DE01 EUR, default
// settings (confirmation SLA 24 h, receipts applied within 3 days); the events are dated
// early November 2026, so everything open is due by now.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chSql, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { latestUnmatchedItemsMark, runPaymentMatcher } from '../../server/matching/payment-matcher.ts';
import { unmatchedPayments } from '../../server/metrics/unmatched-payments.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { unmatchedFromItemsSql } from '../../sql/queries/unmatched-payment-items.sql.ts';
import { unmatchedPaymentsSql, type UnmatchedQuery } from '../../sql/queries/unmatched-payments.sql.ts';
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
  specversion: '1.0', id, source: 'test/items', type, time, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const payment = (id: string, amount: string, name: string, time: string, extra: Data = {}) =>
  event(`${id}.sent`, 'finance.payment.sent', time, { document_type: 'payment', document_id: id, amount, counterparty_name: name, value_date: time.slice(0, 10), ...extra });
const settled = (id: string, amount: string, time: string) =>
  event(`${id}.settled`, 'finance.payment.settled', time, { document_type: 'payment', document_id: id, amount });
const bankEntry = (id: string, amount: string, name: string, time: string, extra: Data = {}) =>
  event(`${id}.booked`, 'finance.bank_entry.booked', time,
    { document_type: 'bank_entry', document_id: id, amount, credit_debit: 'DBIT', value_date: time.slice(0, 10), account: 'DE89370400440532013000', counterparty_name: name, ...extra });
const receipt = (id: string, amount: string, name: string, time: string) =>
  event(`${id}.received`, 'finance.receipt.received', time, { document_type: 'receipt', document_id: id, amount, counterparty_name: name });

async function arrive(...events: unknown[]): Promise<void> {
  expect((await ingest.post(events)).body).toMatchObject({ accepted: events.length });
  await ingest.drained();
}
const match = (s: FinanceSettings = settings) => runPaymentMatcher(ingest.clickhouse.ch, s, { marginMs: 0, maxChangedRows: Infinity });

const columns = chSql`kind, document_id, toString(amount) AS amount, currency, counterparty_name, toString(since) AS since,
  toString(due_at) AS due_at, difference, arraySort(sources) AS sources`;
type Row = { kind: string; document_id: string };

/** Both ways, now: the rule over every document, and the kept rows with the changes recomputed. */
async function bothWays(): Promise<{ rule: Row[]; items: Row[] }> {
  const [clock] = await queryRows<{ now: string }>(ingest.clickhouse.ch, chSql`SELECT toString(now64(3)) AS now`);
  const now = clock!.now;
  const q: UnmatchedQuery = {
    filter: {}, now,
    confirmationSlaHours: { entities: [], values: [], fallback: settings.matching['*']!.confirmationSlaHours },
    receiptApplyDays: { entities: [], values: [], fallback: settings.matching['*']!.receiptApplyDays },
  };
  const mark = await latestUnmatchedItemsMark(ingest.clickhouse.ch);
  expect(mark).toBeDefined();
  const read = (sql: ReturnType<typeof unmatchedPaymentsSql>) =>
    queryRows<Row>(ingest.clickhouse.ch, chSql`SELECT ${columns} FROM ${sql} ORDER BY kind, document_id`);
  return { rule: await read(unmatchedPaymentsSql(q)), items: await read(unmatchedFromItemsSql(q, mark!)) };
}

async function expectSame(expectedIds: string[]): Promise<void> {
  const { rule, items } = await bothWays();
  expect(items).toEqual(rule);
  expect(rule.map((r) => r.document_id).sort()).toEqual([...expectedIds].sort());
}

const itemRows = () => queryRows<{ epoch: string; document_id: string; open: number; volatile: number }>(ingest.clickhouse.ch, chSql`
  SELECT toString(epoch) AS epoch, document_id, open, volatile FROM unmatched_payment_items FINAL ORDER BY epoch, document_id`);

it('reads the same as the rule over every document, before and after each run', async () => {
  await arrive(
    bankEntry('BE-1', '120.00', 'ALPHA GMBH', '2026-11-02T20:00:00Z', { end_to_end_id: 'E2E-1' }),
    payment('PAY-2', '310.00', 'Keller AG', '2026-11-03T09:00:00Z'),
    receipt('RCPT-1', '55.00', 'Omega SA', '2026-11-02T10:00:00Z'),
    payment('PAY-3', '75.00', 'Beta KG', '2026-11-04T09:00:00Z', { end_to_end_id: 'E2E-3' }),
    bankEntry('BE-3', '75.00', 'BETA KG', '2026-11-04T20:00:00Z', { end_to_end_id: 'E2E-3' }),
  );
  expect(await match()).toMatchObject({ outcome: 'full' });
  await expectSame(['BE-1', 'PAY-2', 'RCPT-1']);
  // the run kept the three open ones (a new epoch holds only open rows)
  expect((await itemRows()).map((r) => [r.document_id, r.open])).toEqual([['BE-1', 1], ['PAY-2', 1], ['RCPT-1', 1]]);

  // after the run, not matched yet: PAY-1 is new (recomputed), BE-1 still open
  await arrive(payment('PAY-1', '120.00', 'Alpha GmbH', '2026-11-01T09:00:00Z', { end_to_end_id: 'E2E-1' }));
  await expectSame(['BE-1', 'PAY-1', 'PAY-2', 'RCPT-1']);

  // the next run matches them: their kept rows close
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  await expectSame(['PAY-2', 'RCPT-1']);
  expect((await itemRows()).filter((r) => r.open === 0).map((r) => r.document_id)).toEqual(['BE-1']);

  // PAY-2 settles after the run: its kept row is stale until the next run; the read recomputes it
  await arrive(settled('PAY-2', '310.00', '2026-11-05T09:00:00Z'));
  await expectSame(['RCPT-1']);
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  await expectSame(['RCPT-1']);
});

it('recomputes a document whose match is dated after the run (known only later)', async () => {
  // PAY-9's events are dated in the future: its match with BE-9 is not known now, so BE-9 is unmatched
  await arrive(
    bankEntry('BE-9', '99.00', 'GAMMA AG', '2026-11-06T20:00:00Z', { end_to_end_id: 'E2E-9' }),
    payment('PAY-9', '99.00', 'Gamma AG', '2099-01-05T09:00:00Z', { end_to_end_id: 'E2E-9' }),
  );
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  await expectSame(['BE-9', 'RCPT-1']);
  expect((await itemRows()).find((r) => r.document_id === 'BE-9')).toMatchObject({ open: 1, volatile: 1 });
  // a later run that does not touch BE-9: only its volatile flag brings it back to be recomputed
  await arrive(receipt('RCPT-2', '12.00', 'Delta BV', '2026-11-07T10:00:00Z'));
  expect(await match()).toMatchObject({ outcome: 'incremental' });
  await expectSame(['BE-9', 'RCPT-1', 'RCPT-2']);
});

it('starts a new epoch on a full run and drops the epoch before the previous one', async () => {
  // (raw rows: FINAL would let a newer epoch's row of a document hide the older one's)
  const epochs = async () => (await queryRows<{ epoch: string }>(ingest.clickhouse.ch, chSql`
    SELECT DISTINCT toString(epoch) AS epoch FROM unmatched_payment_items ORDER BY epoch`)).map((r) => r.epoch);
  const [first] = await epochs();
  const wider = (days: number): FinanceSettings => ({ ...settings, matching: { '*': { ...settings.matching['*']!, dateWindowDays: days } } });
  expect(await match(wider(5))).toMatchObject({ outcome: 'full' });
  const afterSecond = await epochs();
  expect(afterSecond).toHaveLength(2); // the previous one is kept for reads still on it
  expect(afterSecond[0]).toBe(first);
  await expectSame(['BE-9', 'RCPT-1', 'RCPT-2']);
  expect(await match(wider(6))).toMatchObject({ outcome: 'full' });
  const afterThird = await epochs();
  expect(afterThird).toHaveLength(2);
  expect(afterThird).not.toContain(first);
  await expectSame(['BE-9', 'RCPT-1', 'RCPT-2']);
});

it('answers without waiting for a long matcher step, saying so, and exactly for the matches as they are', async () => {
  await arrive(payment('PAY-7', '42.00', 'Epsilon SE', '2026-11-08T09:00:00Z', { end_to_end_id: 'E2E-7' }),
    bankEntry('BE-7', '42.00', 'EPSILON SE', '2026-11-08T20:00:00Z', { end_to_end_id: 'E2E-7' }));
  const read = (matcherWaitMs?: number) => unmatchedPayments(ingest.clickhouse.ch, settings, { limit: 50, offset: 0 }, { matcherWaitMs });
  // not waited for: PAY-7 and BE-7 are not matched yet, and the answer says matching is behind
  const early = await read(0);
  expect(early.matchingBehind).toBeDefined();
  expect(early.documents.rows.map((r) => r.document_id).sort()).toEqual(['BE-7', 'BE-9', 'PAY-7', 'RCPT-1', 'RCPT-2']);
  // the step carried on: once it is done, they are matched
  await match();
  const later = await read();
  expect(later.matchingBehind).toBeUndefined();
  expect(later.documents.rows.map((r) => r.document_id).sort()).toEqual(['BE-9', 'RCPT-1', 'RCPT-2']);
});

it('queues no matcher step behind one in flight: reads during a long step answer from the matches as they are', async () => {
  await arrive(payment('PAY-8', '17.00', 'Zeta AG', '2026-11-09T09:00:00Z', { end_to_end_id: 'E2E-8' }),
    bankEntry('BE-8', '17.00', 'ZETA AG', '2026-11-09T20:00:00Z', { end_to_end_id: 'E2E-8' }));
  // a client whose matcher steps are counted and held at their first statement until released
  let steps = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const ch = new Proxy(ingest.clickhouse.ch, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'query') {
        return async (args: { query: string }) => {
          if (args.query.includes('AS total FROM settlement_state')) {
            steps++;
            await gate;
          }
          return value.call(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const read = (matcherWaitMs?: number) => unmatchedPayments(ch, settings, { limit: 50, offset: 0 }, { matcherWaitMs });
  const background = runPaymentMatcher(ch, settings, { marginMs: 0, maxChangedRows: Infinity });
  for (let i = 0; i < 3; i++) {
    const during = await read(50);
    expect(during.matchingBehind).toBeDefined();
    expect(during.documents.rows.map((r) => r.document_id)).toContain('PAY-8');
  }
  expect(steps).toBe(1);
  release();
  await background;
  // idle again: a read starts its own step and waits for it
  const after = await read();
  expect(steps).toBe(2);
  expect(after.matchingBehind).toBeUndefined();
  expect(after.documents.rows.map((r) => r.document_id)).not.toContain('PAY-8');
});

it('names the changed documents as values only while they fit in a request; beyond, the statement finds them itself', async () => {
  await match();
  // 4,500 receipts with 64-character ids after the run: listed as values, one id list alone
  // would pass the engine's 256 KiB limit on a parameter's text
  const long = (i: number) => `RCPT-${String(i).padStart(6, '0')}-${'x'.repeat(52)}`;
  const receipts = Array.from({ length: 4_500 }, (_, i) => receipt(long(i), '1.00', 'Many SA', '2026-11-03T10:00:00Z'));
  for (let i = 0; i < receipts.length; i += 1_500) await arrive(...receipts.slice(i, i + 1_500));
  const read = await unmatchedPayments(ingest.clickhouse.ch, settings, { limit: 5, offset: 0, kinds: ['receipt_unapplied'] }, { matcherWaitMs: 0 });
  const { rule } = await bothWays();
  const expected = rule.filter((r) => r.kind === 'receipt_unapplied').length;
  expect(read.totals.reduce((n, t) => n + Number(t.documents), 0)).toBe(expected);
  expect(expected).toBeGreaterThanOrEqual(4_500);
});
