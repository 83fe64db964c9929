// Duplicate payment risk "now" (no asOf): read from the kept invoice_capture_state, with the
// invoices that have an event dated after now recomputed from their events up to now. Every
// answer must equal the one recomputed from the events as of the same moment. "Now" is pinned
// to Tue 2026-11-10 12:00Z; default settings (window 30 days, distance 2). DE01, EUR, received
// 09:00Z on the day by ap/coupa-eu unless stated. The ledger is delivered out of order, then
// again in full and again reversed.
//
//  SUP-1 1,250.00: INV-A 'INV-0042' 1 Nov, INV-B 'inv 42' 3 Nov, INV-C 'INV-0043' 4 Nov,
//    INV-D 'INV-0042' 5 Nov. After now: INV-B scheduled 14:00Z, PAY-C names INV-C 13:00Z, INV-D
//    rejected 14:00Z.
//  SUP-4 777.00: INV-K received by ap/coupa-eu 6 Nov and by ap/basware-it 7 Nov.
//  SUP-5 500.00: INV-E 'E-1' 2 Nov, INV-F 'E1' 3 Nov; INV-F received again 10 Nov 13:00Z (after
//    now) as 600.00.
// At 12:00Z: pairs A–B, A–C, B–C, A–D, B–D, C–D (6 × 1,250), K–K (777), E–F (500): EUR 8 pairs,
//   8,777.00, all before payment.
// At 15:00Z: INV-D rejected, INV-F is 600.00: A–B (paid: B scheduled), A–C and B–C (paid: PAY-C),
//   K–K: EUR 4 pairs, 4,527.00; paid 3 / 3,750.00.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { buildKeptDuplicatePairs, pairingSettings } from '../../server/duplicates/kept-duplicate-pairs.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { receivablesMetricsRouterEntries } from '../../server/metrics/receivables-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(router(receivablesMetricsRouterEntries));
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const noon = '2026-11-10T12:00:00Z';
const afternoon = '2026-11-10T15:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const received = (id: string, supplier: string, amount: string, reference: string, time: string, source = 'ap/coupa-eu') =>
  ev(source, `${id}.received.${time}`, 'finance.invoice.received', time, {
    document_type: 'supplier_invoice', document_id: id, counterparty_id: `SUP-${supplier}`, counterparty_name: `Supplier ${supplier}`, amount, reference,
  });
const stage = (source: string, id: string, type: string, time: string) =>
  ev(source, `${id}.${type}`, `finance.invoice.${type}`, time, { document_type: 'supplier_invoice', document_id: id, counterparty_id: 'SUP-1' });

const ledger = [
  stage('erp/sap-de', 'INV-B', 'scheduled', '2026-11-10T14:00:00Z'),
  received('INV-A', '1', '1250.00', 'INV-0042', '2026-11-01T09:00:00Z'),
  received('INV-B', '1', '1250.00', 'inv 42', '2026-11-03T09:00:00Z'),
  ev('treasury/kyriba', 'PAY-C.released', 'finance.payment.released', '2026-11-10T13:00:00Z',
    { document_type: 'payment', document_id: 'PAY-C', correlation_id: 'INV-C', amount: '1250.00', counterparty_id: 'SUP-1' }),
  received('INV-C', '1', '1250.00', 'INV-0043', '2026-11-04T09:00:00Z'),
  stage('ap/coupa-eu', 'INV-D', 'rejected', '2026-11-10T14:00:00Z'),
  received('INV-D', '1', '1250.00', 'INV-0042', '2026-11-05T09:00:00Z'),
  received('INV-K', '4', '777.00', 'FA2026/118', '2026-11-07T09:00:00Z', 'ap/basware-it'),
  received('INV-K', '4', '777.00', 'FA2026/118', '2026-11-06T09:00:00Z'),
  received('INV-F', '5', '600.00', 'E1', '2026-11-10T13:00:00Z'),
  received('INV-E', '5', '500.00', 'E-1', '2026-11-02T09:00:00Z'),
  received('INV-F', '5', '500.00', 'E1', '2026-11-03T09:00:00Z'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post(ledger);
  await ingest.post(ledger);
  await ingest.post([...ledger].reverse());
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

const at = (iso: string) => vi.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
type Input = Parameters<typeof api.duplicatePaymentRisk>[0];

/** The "now" answer at `moment`, after checking it equals the answer recomputed from the events. */
async function nowAgreeingWithEvents(moment: string, input: Input = {}) {
  at(moment);
  const now = await api.duplicatePaymentRisk(input);
  const fromEvents = await api.duplicatePaymentRisk({ ...input, asOf: moment });
  for (const part of ['totals', 'byEntity', 'byStatus', 'documents', 'reporting'] as const) expect(now[part]).toEqual(fromEvents[part]);
  return now;
}

it('reads "now" from the kept state, leaving out events dated after now, as the events say', async () => {
  const result = await nowAgreeingWithEvents(noon);
  expect(result.totals).toEqual([{ currency: 'EUR', pairs: '8', amount: '8777' }]);
  expect(result.byStatus).toEqual([{ status: 'before_payment', currency: 'EUR', pairs: '8', amount: '8777' }]);
  expect(result.documents.rows.map((r) => `${r.invoice_a}–${r.invoice_b} ${r.distance} ${r.amount}`)).toEqual([
    'INV-K–INV-K 0 777', 'INV-A–INV-D 0 1250', 'INV-B–INV-D 0 1250', 'INV-C–INV-D 1 1250',
    'INV-A–INV-C 1 1250', 'INV-B–INV-C 1 1250', 'INV-A–INV-B 0 1250', 'INV-E–INV-F 0 500',
  ]);
});

it('counts the later events once now has passed them', async () => {
  const result = await nowAgreeingWithEvents(afternoon);
  expect(result.totals).toEqual([{ currency: 'EUR', pairs: '4', amount: '4527' }]);
  expect(result.documents.rows.map((r) => [`${r.invoice_a}–${r.invoice_b}`, r.status, r.paid_a, r.paid_b])).toEqual([
    ['INV-K–INV-K', 'before_payment', false, false],
    ['INV-A–INV-C', 'paid', false, true],
    ['INV-B–INV-C', 'paid', true, true],
    ['INV-A–INV-B', 'paid', false, true],
  ]);
});

it('filters and pages the kept state as the events', async () => {
  expect((await nowAgreeingWithEvents(noon, { counterparty: 'Supplier 5' })).totals).toEqual([{ currency: 'EUR', pairs: '1', amount: '500' }]);
  expect((await nowAgreeingWithEvents(noon, { sourceSystem: 'ap/basware-it' })).documents.rows.map((r) => r.invoice_a)).toEqual(['INV-K']);
  expect((await nowAgreeingWithEvents(noon, { entities: ['GB01'] })).totals).toEqual([]);
  const page = await nowAgreeingWithEvents(noon, { limit: 3, offset: 3, orderBy: 'first_captured' });
  expect(page.documents.rows.map((r) => `${r.invoice_a}–${r.invoice_b}`)).toEqual(['INV-E–INV-F', 'INV-B–INV-D', 'INV-B–INV-C']);
  expect(page.documents.hasMore).toBe(true);
});

it('answers the same from a kept generation of pairs, the events after now read afresh', async () => {
  const built = await buildKeptDuplicatePairs(ingest.clickhouse.ch, pairingSettings(await loadFinanceSettings(ingest.postgres.db)), { marginMs: 0 });
  expect(built.pairs).toBeGreaterThan(0);
  const noonNow = await nowAgreeingWithEvents(noon);
  expect(noonNow.totals).toEqual([{ currency: 'EUR', pairs: '8', amount: '8777' }]);
  const afternoonNow = await nowAgreeingWithEvents(afternoon);
  expect(afternoonNow.totals).toEqual([{ currency: 'EUR', pairs: '4', amount: '4527' }]);
  expect((await nowAgreeingWithEvents(noon, { counterparty: 'Supplier 5' })).totals).toEqual([{ currency: 'EUR', pairs: '1', amount: '500' }]);
  expect((await nowAgreeingWithEvents(noon, { entities: ['GB01'] })).totals).toEqual([]);
});
