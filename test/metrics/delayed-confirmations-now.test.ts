// Delayed bank confirmations "now" (no asOf): read from the kept state (settlement_state +
// payment_confirmation_state), with payments that have an event dated after now recomputed
// from their events up to now. "Now" is pinned to Tue 2026-11-10 12:00Z; default SLA 24 h.
//
//  DE01 PAY-N1 200.00 EUR sent Mon 9 Nov 06:00Z, bank "Deutsche Bank", no status
//       → due 10 Nov 06:00Z → awaiting.
//  DE01 PAY-N2 300.00 EUR sent 9 Nov 06:00Z; rejected AC01 by bank/db-de dated 10 Nov 13:00Z,
//       i.e. after now → at 12:00Z still awaiting (due 10 Nov 06:00Z), bank not known yet ('').
//  DE01 PAY-N3  50.00 EUR sent 10 Nov 08:00Z → due 11 Nov 08:00Z → not yet.
//  DE01 PAY-N4  75.00 EUR sent 5 Nov, returned MS02 by bank/db-de 9 Nov 10:00Z (delivered twice)
//       → returned, due (refused) 9 Nov 10:00Z.
//  DE01 PAY-N5 120.00 EUR sent 8 Nov 09:00Z; sent again as 130.00 dated 10 Nov 14:00Z (after now)
//       → at 12:00Z: awaiting 120.00, due 9 Nov 09:00Z.
// Expected at 12:00Z: awaiting EUR 3 payments 200 + 300 + 120 = 620.00; by bank: '' 2 payments
//   420.00 (N2, N5), Deutsche Bank 1 payment 200.00; returned MS02 EUR 1 payment 75.00.
// At 15:00Z the later events count: N2 rejected AC01 300.00; N5 re-sent 14:00Z → not yet due;
//   awaiting EUR 1 payment 200.00 (N1).
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { paymentMetricsRouterEntries } from '../../server/metrics/payment-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(router(paymentMetricsRouterEntries));
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const noon = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const paymentEvent = (source: string, id: string, stage: string, time: string, amount: string, extra: Data = {}) => ({
  specversion: '1.0', id: `${id}.${stage}.${time}`, source, type: `finance.payment.${stage}`, time, subject: id,
  data: { entity: 'DE01', currency: 'EUR', document_type: 'payment', document_id: id, amount, counterparty_id: 'SUP-9', counterparty_name: 'Schäfer KG', ...extra },
});
const sent = (id: string, time: string, amount: string, extra: Data = {}) => paymentEvent('treasury/kyriba', id, 'sent', time, amount, extra);
const bank = (id: string, stage: string, time: string, amount: string, extra: Data = {}) => paymentEvent('bank/db-de', id, stage, time, amount, extra);

const returnedN4 = bank('PAY-N4', 'returned', '2026-11-09T10:00:00Z', '75.00', { reason_code: 'MS02' });
const ledger = [
  sent('PAY-N1', '2026-11-09T06:00:00Z', '200.00', { bank: 'Deutsche Bank' }),
  sent('PAY-N2', '2026-11-09T06:00:00Z', '300.00'),
  bank('PAY-N2', 'rejected', '2026-11-10T13:00:00Z', '300.00', { reason_code: 'AC01' }),
  sent('PAY-N3', '2026-11-10T08:00:00Z', '50.00'),
  sent('PAY-N4', '2026-11-05T09:00:00Z', '75.00'),
  returnedN4,
  sent('PAY-N5', '2026-11-08T09:00:00Z', '120.00'),
  sent('PAY-N5', '2026-11-10T14:00:00Z', '130.00'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post(ledger);
  await ingest.post([returnedN4]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

const at = (iso: string) => vi.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));

it('reads "now" from the kept state, leaving out events dated after now, to the cent', async () => {
  at(noon);
  const result = await api.delayedConfirmations({});
  expect(result.totals).toEqual([{ currency: 'EUR', payments: '3', amount: '620' }]);
  expect(result.byEntityBank).toEqual([
    { entity: 'DE01', bank: '', currency: 'EUR', payments: '2', amount: '420' },
    { entity: 'DE01', bank: 'Deutsche Bank', currency: 'EUR', payments: '1', amount: '200' },
  ]);
  expect(result.byReason).toEqual([{ status: 'returned', reason_code: 'MS02', currency: 'EUR', payments: '1', amount: '75' }]);
  expect(result.documents.rows.map((r) => [r.status, r.document_id, r.amount, r.bank, r.reason_code, r.sent_at, r.due_at])).toEqual([
    ['awaiting_bank_status', 'PAY-N5', '120', '', '', '2026-11-08 09:00:00.000', '2026-11-09 09:00:00.000'],
    ['awaiting_bank_status', 'PAY-N1', '200', 'Deutsche Bank', '', '2026-11-09 06:00:00.000', '2026-11-10 06:00:00.000'],
    ['awaiting_bank_status', 'PAY-N2', '300', '', '', '2026-11-09 06:00:00.000', '2026-11-10 06:00:00.000'],
    ['returned', 'PAY-N4', '75', 'bank/db-de', 'MS02', '2026-11-05 09:00:00.000', '2026-11-09 10:00:00.000'],
  ]);
  const fromEvents = await api.delayedConfirmations({ asOf: noon });
  for (const part of ['totals', 'byEntityBank', 'byReason', 'documents'] as const) expect(result[part]).toEqual(fromEvents[part]);
});

it('counts the later events once now has passed them', async () => {
  at('2026-11-10T15:00:00Z');
  const result = await api.delayedConfirmations({});
  expect(result.totals).toEqual([{ currency: 'EUR', payments: '1', amount: '200' }]);
  expect(result.byReason).toEqual([
    { status: 'rejected', reason_code: 'AC01', currency: 'EUR', payments: '1', amount: '300' },
    { status: 'returned', reason_code: 'MS02', currency: 'EUR', payments: '1', amount: '75' },
  ]);
  expect(result.documents.rows.map((r) => [r.document_id, r.bank, r.due_at])).toEqual([
    ['PAY-N1', 'Deutsche Bank', '2026-11-10 06:00:00.000'],
    ['PAY-N2', 'bank/db-de', '2026-11-10 13:00:00.000'],
    ['PAY-N4', 'bank/db-de', '2026-11-09 10:00:00.000'],
  ]);
});

it('pages and filters the kept state', async () => {
  at(noon);
  const first = await api.delayedConfirmations({ limit: 2 });
  expect(first.documents.rows.map((r) => r.document_id)).toEqual(['PAY-N5', 'PAY-N1']);
  expect(first.documents.hasMore).toBe(true);
  const last = await api.delayedConfirmations({ limit: 2, offset: 2 });
  expect(last.documents.rows.map((r) => r.document_id)).toEqual(['PAY-N2', 'PAY-N4']);
  expect(last.documents.hasMore).toBe(false);
  expect((await api.delayedConfirmations({ sourceSystem: 'bank/db-de' })).documents.rows.map((r) => r.document_id)).toEqual(['PAY-N4']);
  expect((await api.delayedConfirmations({ entities: ['GB01'] })).totals).toEqual([]);
});

it('treats injection strings in every filter as plain values', async () => {
  at(noon);
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
      const result = await api.delayedConfirmations(input);
      expect(result.totals).toEqual([]);
      expect(result.byReason).toEqual([]);
      expect(result.documents.rows).toEqual([]);
    }
  }
});
