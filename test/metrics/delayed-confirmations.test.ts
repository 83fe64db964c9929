// Delayed bank confirmations against a hand-worked ledger. Default confirmation SLA 24 h;
// GB01 has its own 48 h. Evaluated as of Tue 2026-11-10 12:00Z.
//
//  DE01 PAY-D1 400.00 EUR sent Sun 8 Nov 09:00Z, bank "Deutsche Bank", no status
//       → due 9 Nov 09:00Z → awaiting (27 h past).
//  DE01 PAY-D2 600.00 EUR sent 8 Nov 10:00Z, acknowledged 11:00Z by bank/db-de → fine.
//  DE01 PAY-D3  70.00 EUR sent 10 Nov 08:00Z → due 11 Nov 08:00Z → not yet.
//  GB01 PAY-D4 1,500.25 GBP sent 7 Nov 09:00Z, bank "Barclays", no status; GB01 SLA 48 h
//       → due 9 Nov 09:00Z → awaiting.
//  GB01 PAY-D8 10.00 GBP sent 9 Nov 09:00Z: 27 h ago, within GB01's 48 h → not yet
//       (it would be late under the 24 h default).
//  DE01 PAY-D5 321.09 EUR sent 5 Nov, rejected AC04 by bank/db-de (delivered twice).
//  DE01 PAY-D6 100.00 EUR sent 5 Nov, rejected AC04 (arrives before its "sent" event).
//  DE01 PAY-D7 555.55 EUR sent 5 Nov, settled 6 Nov, returned MS03 9 Nov.
// Expected awaiting: EUR 1 payment 400.00 (DE01 / Deutsche Bank); GBP 1 payment 1,500.25
//   (GB01 / Barclays). By reason: rejected AC04 EUR 2 payments 321.09 + 100.00 = 421.09;
//   returned MS03 EUR 1 payment 555.55.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { paymentMetricsRouterEntries } from '../../server/metrics/payment-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(router(paymentMetricsRouterEntries));
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const paymentEvent = (source: string, id: string, stage: string, time: string, amount: string, extra: Data = {}) => ({
  specversion: '1.0', id: `${id}.${stage}`, source, type: `finance.payment.${stage}`, time, subject: id,
  data: { entity: 'DE01', currency: 'EUR', document_type: 'payment', document_id: id, amount, counterparty_id: 'SUP-1', counterparty_name: 'Müller GmbH', ...extra },
});
const sent = (id: string, time: string, amount: string, extra: Data = {}) => paymentEvent('treasury/kyriba', id, 'sent', time, amount, extra);
const bank = (id: string, stage: string, time: string, amount: string, extra: Data = {}) => paymentEvent('bank/db-de', id, stage, time, amount, extra);
const gb = { entity: 'GB01', currency: 'GBP', bank: 'Barclays' };

const rejectedD5 = bank('PAY-D5', 'rejected', '2026-11-05T12:00:00Z', '321.09', { reason_code: 'AC04' });
const ledger = [
  sent('PAY-D1', '2026-11-08T09:00:00Z', '400.00', { bank: 'Deutsche Bank' }),
  sent('PAY-D2', '2026-11-08T10:00:00Z', '600.00'),
  bank('PAY-D2', 'acknowledged', '2026-11-08T11:00:00Z', '600.00'),
  sent('PAY-D3', '2026-11-10T08:00:00Z', '70.00'),
  sent('PAY-D4', '2026-11-07T09:00:00Z', '1500.25', gb),
  sent('PAY-D8', '2026-11-09T09:00:00Z', '10.00', gb),
  sent('PAY-D5', '2026-11-05T09:00:00Z', '321.09'),
  rejectedD5,
  rejectedD5,
  bank('PAY-D6', 'rejected', '2026-11-05T12:00:00Z', '100.00', { reason_code: 'AC04' }),
  sent('PAY-D6', '2026-11-05T09:00:00Z', '100.00'),
  sent('PAY-D7', '2026-11-05T09:00:00Z', '555.55'),
  bank('PAY-D7', 'settled', '2026-11-06T15:00:00Z', '555.55'),
  bank('PAY-D7', 'returned', '2026-11-09T10:00:00Z', '555.55', { reason_code: 'MS03' }),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.postgres.db.insertInto('matching_settings').values({ entity: 'GB01', amount_tolerance: '0.01', date_window_days: 3, receipt_apply_days: 2, confirmation_sla_hours: 48, duplicate_window_days: 30, duplicate_max_distance: 2 }).execute();
  await ingest.post(ledger);
  await ingest.post([rejectedD5]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

it('counts payments awaiting a bank status past SLA by entity and bank, to the cent', async () => {
  const result = await api.delayedConfirmations({ asOf });
  expect(result.totals).toEqual([
    { currency: 'EUR', payments: '1', amount: '400' },
    { currency: 'GBP', payments: '1', amount: '1500.25' },
  ]);
  expect(result.byEntityBank).toEqual([
    { entity: 'DE01', bank: 'Deutsche Bank', currency: 'EUR', payments: '1', amount: '400' },
    { entity: 'GB01', bank: 'Barclays', currency: 'GBP', payments: '1', amount: '1500.25' },
  ]);
});

it('counts rejected and returned payments per reason code, duplicates once', async () => {
  const result = await api.delayedConfirmations({ asOf });
  expect(result.byReason).toEqual([
    { status: 'rejected', reason_code: 'AC04', currency: 'EUR', payments: '2', amount: '421.09' },
    { status: 'returned', reason_code: 'MS03', currency: 'EUR', payments: '1', amount: '555.55' },
  ]);
  expect(result.documents.rows.map((r) => [r.status, r.document_id, r.bank, r.reason_code, r.due_at])).toEqual([
    ['awaiting_bank_status', 'PAY-D1', 'Deutsche Bank', '', '2026-11-09 09:00:00.000'],
    ['awaiting_bank_status', 'PAY-D4', 'Barclays', '', '2026-11-09 09:00:00.000'],
    ['rejected', 'PAY-D5', 'bank/db-de', 'AC04', '2026-11-05 12:00:00.000'],
    ['rejected', 'PAY-D6', 'bank/db-de', 'AC04', '2026-11-05 12:00:00.000'],
    ['returned', 'PAY-D7', 'bank/db-de', 'MS03', '2026-11-09 10:00:00.000'],
  ]);
});

it('evaluates as of an earlier moment', async () => {
  // 8 Nov 12:00Z: PAY-D7 is settled, not yet returned; PAY-D1 is 3 h after sending.
  const result = await api.delayedConfirmations({ asOf: '2026-11-08T12:00:00Z' });
  expect(result.totals).toEqual([]);
  expect(result.byReason).toEqual([{ status: 'rejected', reason_code: 'AC04', currency: 'EUR', payments: '2', amount: '421.09' }]);
});

it('filters by entity, currency, counterparty and source system', async () => {
  expect((await api.delayedConfirmations({ asOf, entities: ['GB01'] })).documents.rows.map((r) => r.document_id)).toEqual(['PAY-D4']);
  expect((await api.delayedConfirmations({ asOf, currencies: ['GBP'] })).totals).toEqual([{ currency: 'GBP', payments: '1', amount: '1500.25' }]);
  expect((await api.delayedConfirmations({ asOf, counterparty: 'SUP-1' })).documents.rows).toHaveLength(5);
  expect((await api.delayedConfirmations({ asOf, sourceSystem: 'bank/db-de' })).documents.rows.map((r) => r.document_id)).toEqual(['PAY-D5', 'PAY-D6', 'PAY-D7']);
});

it('treats injection strings in every filter as plain values', async () => {
  const hostile = "x' OR 1=1 --";
  for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
    const result = await api.delayedConfirmations({ asOf, ...input });
    expect(result.totals).toEqual([]);
    expect(result.byReason).toEqual([]);
    expect(result.documents.rows).toEqual([]);
  }
  await expect(api.delayedConfirmations({ asOf, currencies: [hostile] })).rejects.toThrow(/ISO 4217/);
});

it('sorts the payments on the server by a chosen column, paging without overlap', async () => {
  // amounts: PAY-D6 100.00, PAY-D5 321.09, PAY-D1 400.00, PAY-D7 555.55, PAY-D4 1,500.25 (numbers, not text)
  const first = await api.delayedConfirmations({ asOf, orderBy: 'amount', direction: 'desc', limit: 3 });
  const second = await api.delayedConfirmations({ asOf, orderBy: 'amount', direction: 'desc', limit: 3, offset: 3 });
  expect([...first.documents.rows, ...second.documents.rows].map((r) => r.document_id)).toEqual(['PAY-D4', 'PAY-D7', 'PAY-D1', 'PAY-D5', 'PAY-D6']);
  expect([first.documents.hasMore, second.documents.hasMore]).toEqual([true, false]);
  const byBank = await api.delayedConfirmations({ asOf, orderBy: 'bank' });
  // Barclays, Deutsche Bank, then bank/db-de in the default order (status, due, entity, id)
  expect(byBank.documents.rows.map((r) => r.document_id)).toEqual(['PAY-D4', 'PAY-D1', 'PAY-D5', 'PAY-D6', 'PAY-D7']);
  await expect(api.delayedConfirmations({ asOf, orderBy: 'due_at' as never })).rejects.toThrow(/orderBy/);
});
