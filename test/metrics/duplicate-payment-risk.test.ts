// Duplicate payment risk against a hand-worked ledger. Default settings: window 30 days,
// max edit distance 2. Evaluated as of 2026-11-10 12:00Z. Received events 09:00Z on the day.
// Normalised references: 'INV-0042' and 'inv 42' → INV42; 'INV-0043' → INV43; 'INV-9999' →
// INV9999 (distance 4 from INV42 and INV43); 'RE-2026-7' and 'RE 2026 7' → RE20267.
//
//  DE01 SUP-1 Müller GmbH 1,250.00 EUR (all from ap/coupa-eu):
//    INV-A 'INV-0042' 1 Nov (approved, posted by erp/sap-de: not yet payment) · INV-B 'inv 42' 3 Nov
//    · INV-C 'INV-0043' 4 Nov · INV-D 'INV-9999' 5 Nov
//    → pairs A–B (distance 0), A–C (1), B–C (1); D pairs with none.
//    INV-E 'INV-0042' 1,250.01 (other amount) and INV-J 'INV 0042' (rejected 3 Nov) → no pairs.
//  DE01 SUP-2 Schmidt KG INV-F 'INV-0042' 1,250.00 → other supplier, no pair.
//  DE01 SUP-3 Weber AG 500.00 EUR: INV-G 'RE-2026-7' 1 Sep, paid by PAY-G (correlation INV-G);
//    INV-I 'RE 2026 7' 1 Oct (30 days after G: inside); INV-H 'RE-2026-7' 2 Oct, scheduled 5 Oct
//    by erp/sap-de (31 days after G: outside) → pairs G–I (0, paid), I–H (0, paid).
//  DE01 SUP-4 Rossi SpA 777.00 EUR: INV-K received by ap/coupa-eu 6 Nov and by ap/basware-it
//    7 Nov (same event id, another source: a second capture) → pair K–K (0).
//  GB01 SUP-5 Smith Ltd 90.00 GBP: INV-L 'A-100' 1 Nov, INV-M 'A100' 2 Nov → pair L–M (0).
//
// Expected: EUR 6 pairs, at risk (later invoice) 3 × 1,250.00 + 777.00 + 2 × 500.00 = 5,527.00;
//   GBP 1 pair 90.00. Status follows the later invoice: G–I is before_payment (I unpaid, though
//   G is paid), I–H is paid (H scheduled). By status: before_payment EUR 5 / 5,027.00, GBP 1 /
//   90.00; paid EUR 1 / 500.00.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { render } from '../../platform/clickhouse/sql-template.ts';
import { receivablesMetricsRouterEntries } from '../../server/metrics/receivables-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { duplicateInvoicePairsSql } from '../../sql/queries/duplicate-invoice-pairs.sql.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(router(receivablesMetricsRouterEntries));
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const suppliers: Record<string, string> = { '1': 'Müller GmbH', '2': 'Schmidt KG', '3': 'Weber AG', '4': 'Rossi SpA', '5': 'Smith Ltd' };
const invoiceData = (id: string, supplier: string, amount: string, reference: string, extra: Data = {}) => ({
  document_type: 'supplier_invoice', document_id: id, counterparty_id: `SUP-${supplier}`, counterparty_name: suppliers[supplier]!, amount, reference, ...extra,
});
const received = (id: string, supplier: string, amount: string, reference: string, day: string, extra: Data = {}, source = 'ap/coupa-eu') =>
  ev(source, `${id}.received`, 'finance.invoice.received', `${day}T09:00:00Z`, invoiceData(id, supplier, amount, reference, extra));
const stage = (source: string, id: string, supplier: string, type: string, day: string) =>
  ev(source, `${id}.${type}`, `finance.invoice.${type}`, `${day}T12:00:00Z`, { document_type: 'supplier_invoice', document_id: id, counterparty_id: `SUP-${supplier}` });

const ledger = [
  received('INV-A', '1', '1250.00', 'INV-0042', '2026-11-01'),
  stage('ap/coupa-eu', 'INV-A', '1', 'approved', '2026-11-02'),
  stage('erp/sap-de', 'INV-A', '1', 'posted', '2026-11-02'),
  received('INV-B', '1', '1250.00', 'inv 42', '2026-11-03'),
  received('INV-C', '1', '1250.00', 'INV-0043', '2026-11-04'),
  received('INV-D', '1', '1250.00', 'INV-9999', '2026-11-05'),
  received('INV-E', '1', '1250.01', 'INV-0042', '2026-11-02'),
  received('INV-J', '1', '1250.00', 'INV 0042', '2026-11-02'),
  stage('ap/coupa-eu', 'INV-J', '1', 'rejected', '2026-11-03'),
  received('INV-F', '2', '1250.00', 'INV-0042', '2026-11-02'),
  received('INV-G', '3', '500.00', 'RE-2026-7', '2026-09-01'),
  ev('treasury/kyriba', 'PAY-G.released', 'finance.payment.released', '2026-09-20T08:00:00Z',
    { document_type: 'payment', document_id: 'PAY-G', correlation_id: 'INV-G', amount: '500.00', counterparty_id: 'SUP-3' }),
  received('INV-I', '3', '500.00', 'RE 2026 7', '2026-10-01'),
  received('INV-H', '3', '500.00', 'RE-2026-7', '2026-10-02'),
  stage('erp/sap-de', 'INV-H', '3', 'scheduled', '2026-10-05'),
  received('INV-K', '4', '777.00', 'FA2026/118', '2026-11-06'),
  received('INV-K', '4', '777.00', 'FA2026/118', '2026-11-07', {}, 'ap/basware-it'),
  received('INV-L', '5', '90.00', 'A-100', '2026-11-01', { entity: 'GB01', currency: 'GBP' }),
  received('INV-M', '5', '90.00', 'A100', '2026-11-02', { entity: 'GB01', currency: 'GBP' }),
];

const expectedTotals = [
  { currency: 'EUR', pairs: '6', amount: '5527' },
  { currency: 'GBP', pairs: '1', amount: '90' },
];

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post(ledger);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

it('finds each near-identical pair once, with money at risk per currency and status', async () => {
  const result = await api.duplicatePaymentRisk({ asOf });
  expect(result.totals).toEqual(expectedTotals);
  expect(result.byStatus).toEqual([
    { status: 'before_payment', currency: 'EUR', pairs: '5', amount: '5027' },
    { status: 'before_payment', currency: 'GBP', pairs: '1', amount: '90' },
    { status: 'paid', currency: 'EUR', pairs: '1', amount: '500' },
  ]);
  expect(result.byEntity).toEqual([
    { entity: 'DE01', currency: 'EUR', pairs: '6', amount: '5527' },
    { entity: 'GB01', currency: 'GBP', pairs: '1', amount: '90' },
  ]);
});

it('lists the pairs, unpaid first, latest first', async () => {
  const { documents } = await api.duplicatePaymentRisk({ asOf });
  expect(documents.rows.map((r) => [r.invoice_a, r.reference_a, r.invoice_b, r.reference_b, r.distance, r.status, r.amount])).toEqual([
    ['INV-K', 'FA2026/118', 'INV-K', 'FA2026/118', 0, 'before_payment', '777'],
    ['INV-A', 'INV-0042', 'INV-C', 'INV-0043', 1, 'before_payment', '1250'],
    ['INV-B', 'inv 42', 'INV-C', 'INV-0043', 1, 'before_payment', '1250'],
    ['INV-A', 'INV-0042', 'INV-B', 'inv 42', 0, 'before_payment', '1250'],
    ['INV-L', 'A-100', 'INV-M', 'A100', 0, 'before_payment', '90'],
    ['INV-G', 'RE-2026-7', 'INV-I', 'RE 2026 7', 0, 'before_payment', '500'],
    ['INV-I', 'RE 2026 7', 'INV-H', 'RE-2026-7', 0, 'paid', '500'],
  ]);
  expect(documents.rows.slice(-2).map((r) => [r.paid_a, r.paid_b])).toEqual([[true, false], [false, true]]);
  expect(documents.rows[0]).toMatchObject({
    entity: 'DE01', counterparty_id: 'SUP-4', counterparty_name: 'Rossi SpA', currency: 'EUR',
    source_a: 'ap/coupa-eu', time_a: '2026-11-06 09:00:00.000', source_b: 'ap/basware-it', time_b: '2026-11-07 09:00:00.000',
    paid_a: false, paid_b: false,
  });
});

it('does not count a redelivered event twice', async () => {
  await ingest.post(ledger);
  await ingest.post([...ledger].reverse());
  await ingest.drained();
  const result = await api.duplicatePaymentRisk({ asOf });
  expect(result.totals).toEqual(expectedTotals);
  expect(result.documents.rows).toHaveLength(7);
});

it('evaluates as of an earlier moment', async () => {
  // 3 Nov 12:00Z: INV-C, INV-K and INV-M not received yet; INV-A–INV-B is a pair, and INV-L alone.
  const early = await api.duplicatePaymentRisk({ asOf: '2026-11-03T12:00:00Z', entities: ['DE01'], counterparty: 'SUP-1' });
  expect(early.documents.rows.map((r) => [r.invoice_a, r.invoice_b])).toEqual([['INV-A', 'INV-B']]);
});

it('filters by entity, currency, counterparty and source system, and pages', async () => {
  expect((await api.duplicatePaymentRisk({ asOf, entities: ['GB01'] })).totals).toEqual([expectedTotals[1]]);
  expect((await api.duplicatePaymentRisk({ asOf, currencies: ['GBP'] })).totals).toEqual([expectedTotals[1]]);
  expect((await api.duplicatePaymentRisk({ asOf, counterparty: 'Weber AG' })).totals).toEqual([{ currency: 'EUR', pairs: '2', amount: '1000' }]);
  expect((await api.duplicatePaymentRisk({ asOf, sourceSystem: 'ap/basware-it' })).documents.rows.map((r) => r.invoice_a)).toEqual(['INV-K']);
  // erp/sap-de touched INV-A (posted) and INV-H (scheduled): A–B, A–C, I–H.
  expect((await api.duplicatePaymentRisk({ asOf, sourceSystem: 'erp/sap-de' })).totals).toEqual([{ currency: 'EUR', pairs: '3', amount: '3000' }]);
  const page = await api.duplicatePaymentRisk({ asOf, limit: 2, offset: 5 });
  expect(page.documents.rows.map((r) => r.invoice_a)).toEqual(['INV-G', 'INV-I']);
  expect(page.documents.hasMore).toBe(false);
});

it('follows the entity settings for window and distance', async () => {
  // DE01 with window 29 days and distance 0: G–I (30 days) drops, A–C and B–C (distance 1) drop.
  await ingest.postgres.db.insertInto('matching_settings').values({
    entity: 'DE01', amount_tolerance: '0.01', date_window_days: 3, receipt_apply_days: 2, confirmation_sla_hours: 24,
    duplicate_window_days: 29, duplicate_max_distance: 0,
  }).execute();
  try {
    const result = await api.duplicatePaymentRisk({ asOf });
    expect(result.documents.rows.map((r) => [r.invoice_a, r.invoice_b])).toEqual([
      ['INV-K', 'INV-K'], ['INV-A', 'INV-B'], ['INV-L', 'INV-M'], ['INV-I', 'INV-H'],
    ]);
  } finally {
    await ingest.postgres.db.deleteFrom('matching_settings').where('entity', '=', 'DE01').execute();
  }
});

it('treats injection strings in every filter as plain values', async () => {
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
      const result = await api.duplicatePaymentRisk({ asOf, ...input });
      expect(result.totals).toEqual([]);
      expect(result.documents.rows).toEqual([]);
    }
    await expect(api.duplicatePaymentRisk({ asOf, currencies: [hostile] })).rejects.toThrow(/ISO 4217/);
  }
  expect((await api.duplicatePaymentRisk({ asOf })).totals).toEqual(expectedTotals);
});

it('sends every filter value as a typed parameter, never in the SQL text', () => {
  const hostile = "x' OR 1=1 --";
  const sql = render(duplicateInvoicePairsSql({
    now: '2026-11-10 12:00:00.000',
    windowDays: { entities: [hostile], values: [30], fallback: 30 },
    maxDistance: { entities: [hostile], values: [2], fallback: 2 },
    entities: [hostile], currencies: [hostile], counterparty: hostile, sourceSystem: hostile,
  }));
  expect(sql.query).not.toContain(hostile);
  expect(Object.values(sql.query_params)).toContainEqual([hostile]);
  expect(Object.values(sql.query_params)).toContain(hostile);
});
