// Unmatched payments and the matching rules against a hand-worked ledger. Settings are the
// defaults: tolerance 0.01, date window 3 days, confirmation SLA 24 h, receipts applied
// within 2 days. Evaluated as of Tue 2026-11-10 12:00Z. All DE01 amounts EUR.
//
// Rule 1, exact reference:
//   PAY-1 1,000.00 (e2e E2E-1)            ↔ BE-1 DBIT 1,000.00 e2e E2E-1            → end_to_end_id
//   PAY-2   250.00 (ref RF18539007547034) ↔ BE-2 DBIT   250.00 same ref, other name → creditor_reference
//   RCPT-1  500.00 (invoice CINV-77)      ↔ BE-3 CRDT   500.00 remittance "… CINV-77 …" → remittance_invoice
//   Partial: PAY-7 2,000.00 e2e E2E-7 ↔ BE-7 DBIT 1,500.00 e2e E2E-7: difference −500.00 is
//   outside tolerance, so it is NOT a match (defined: a partial payment never settles a
//   document); both stay unmatched and both rows show difference "-500".
// Rule 2: PAY-4 730.15 Schmidt & Söhne KG, value date 4 Nov ↔ BE-4 DBIT 730.16
//   "SCHMIDT SOHNE KG", value date 5 Nov: 0.01 apart (= tolerance), 1 day apart (≤ 3).
// Rule 3: PAY-5a 100.00 + PAY-5b 200.50 + PAY-5c 49.49 = 349.99, Nordic Supply AB, 5 Nov
//   ↔ BE-5 DBIT 350.00: 0.01 apart → many_to_one, 3 documents.
//   PAY-6a 300.00 + PAY-6b 150.00 = 450.00, Baltic Parts OU, 5 Nov ↔ BE-6 DBIT 450.02:
//   0.02 apart, a cent outside → no match.
// Rule 4: PAY-11 1,000.00 Hansa Logistik GmbH, value date 5 Nov ↔ BE-11a DBIT 600.00 +
//   BE-11b DBIT 400.01 "HANSA LOGISTIK GMBH", 5 Nov: 1,000.01, 0.01 apart → one_to_many,
//   2 entries / 1 document. PAY-12 500.00 Kraft Metall AG ↔ BE-12a 250.00 + BE-12b 250.02
//   = 500.02, a cent outside → no match: PAY-12 stays unsettled (sent 4 Nov 09:00Z → due
//   5 Nov 09:00Z) and both entries stay unmatched.
// Others: PAY-8 99.99 settled by status (no entry) → settled. PAY-9 80.00 sent 10 Nov 06:00Z
//   → due 11 Nov 06:00Z, not yet. BE-10 CRDT 1,234.56 unknown payer → unmatched.
//   RCPT-2 640.40 received 6 Nov 10:00Z, not applied → due 8 Nov 10:00Z → unapplied.
//   RCPT-3 75.00 received 9 Nov 10:00Z → due 11 Nov, not yet. GB01 BE-GB-1 CRDT 88.00 GBP.
//
// Expected:
//   bank_entry_unmatched EUR: BE-6 450.02 + BE-7 1,500.00 + BE-10 1,234.56 + BE-12a 250.00
//     + BE-12b 250.02 = 3,684.60 (5); GBP 88.00 (1)
//   payment_unsettled    EUR: PAY-6a 300.00 + PAY-6b 150.00 + PAY-7 2,000.00 + PAY-12 500.00
//     = 2,950.00 (4) (all sent 4 Nov 09:00Z → due 5 Nov 09:00Z)
//   receipt_unapplied    EUR: RCPT-2 640.40 (1)
//   totals EUR 10 documents, 3,684.60 + 2,950.00 + 640.40 = 7,275.00; GBP 1, 88.00
//   matches: exact_reference 3 entries / 3 documents / 1,750.00; counterparty_amount_date
//   1 / 1 / 730.15; many_to_one 1 entry / 3 documents / 349.99; one_to_many 2 entries /
//   1 document / 1,000.00.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { paymentMetricsRouterEntries } from '../../server/metrics/payment-metrics-router-entries.ts';
import { render } from '../../platform/clickhouse/sql-template.ts';
import { unmatchedPaymentsSql } from '../../sql/queries/unmatched-payments.sql.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(router(paymentMetricsRouterEntries));
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const event = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
/** A supplier payment released then sent; extra events by type suffix. */
const payment = (id: string, amount: string, name: string, at: string, extra: Data = {}) => {
  const data = { document_type: 'payment', document_id: id, amount, counterparty_id: `SUP-${name}`, counterparty_name: name, correlation_id: `INV-${id}`, ...extra };
  return [event('treasury/kyriba', `${id}.released`, 'finance.payment.released', `${at}T08:00:00Z`, data),
    event('treasury/kyriba', `${id}.sent`, 'finance.payment.sent', `${at}T09:00:00Z`, data)];
};
const bankEntry = (id: string, cd: 'CRDT' | 'DBIT', amount: string, name: string, valueDate: string, extra: Data = {}) =>
  event('bank/db-de', `${id}.booked`, 'finance.bank_entry.booked', `${valueDate}T20:00:00Z`,
    { document_type: 'bank_entry', document_id: id, amount, credit_debit: cd, value_date: valueDate, account: 'DE89370400440532013000', counterparty_name: name, ...extra });
const receipt = (id: string, type: string, amount: string, time: string, extra: Data = {}) =>
  event('erp/sap-de', `${id}.${type}`, `finance.receipt.${type}`, time,
    { document_type: 'receipt', document_id: id, amount, counterparty_id: 'CUS-9', counterparty_name: 'Acme Retail', ...extra });

const ledger = [
  ...payment('PAY-1', '1000.00', 'Müller GmbH', '2026-11-02', { end_to_end_id: 'E2E-1', value_date: '2026-11-03' }),
  bankEntry('BE-1', 'DBIT', '1000.00', 'MULLER GMBH', '2026-11-03', { end_to_end_id: 'E2E-1' }),
  ...payment('PAY-2', '250.00', 'Weber AG', '2026-11-02', { reference: 'RF18539007547034', value_date: '2026-11-03' }),
  bankEntry('BE-2', 'DBIT', '250.00', 'WEBER HOLDING', '2026-11-03', { reference: 'RF18539007547034' }),
  receipt('RCPT-1', 'received', '500.00', '2026-11-04T10:00:00Z', { correlation_id: 'CINV-77', value_date: '2026-11-04' }),
  receipt('RCPT-1', 'applied', '500.00', '2026-11-05T10:00:00Z', { correlation_id: 'CINV-77', value_date: '2026-11-04' }),
  bankEntry('BE-3', 'CRDT', '500.00', 'ACME RETAIL', '2026-11-04', { remittance: 'Payment for invoice CINV-77, thanks' }),
  ...payment('PAY-4', '730.15', 'Schmidt & Söhne KG', '2026-11-03', { value_date: '2026-11-04' }),
  bankEntry('BE-4', 'DBIT', '730.16', 'SCHMIDT SOHNE KG', '2026-11-05'),
  ...payment('PAY-5a', '100.00', 'Nordic Supply AB', '2026-11-04', { value_date: '2026-11-05' }),
  ...payment('PAY-5b', '200.50', 'Nordic Supply AB', '2026-11-04', { value_date: '2026-11-05' }),
  ...payment('PAY-5c', '49.49', 'Nordic Supply AB', '2026-11-04', { value_date: '2026-11-05' }),
  bankEntry('BE-5', 'DBIT', '350.00', 'NORDIC SUPPLY AB', '2026-11-05'),
  ...payment('PAY-6a', '300.00', 'Baltic Parts OU', '2026-11-04', { value_date: '2026-11-05' }),
  ...payment('PAY-6b', '150.00', 'Baltic Parts OU', '2026-11-04', { value_date: '2026-11-05' }),
  bankEntry('BE-6', 'DBIT', '450.02', 'BALTIC PARTS OU', '2026-11-05'),
  ...payment('PAY-7', '2000.00', 'Rossi SpA', '2026-11-04', { end_to_end_id: 'E2E-7', value_date: '2026-11-05' }),
  bankEntry('BE-7', 'DBIT', '1500.00', 'ROSSI SPA', '2026-11-05', { end_to_end_id: 'E2E-7' }),
  ...payment('PAY-11', '1000.00', 'Hansa Logistik GmbH', '2026-11-04', { value_date: '2026-11-05' }),
  bankEntry('BE-11a', 'DBIT', '600.00', 'HANSA LOGISTIK GMBH', '2026-11-05'),
  bankEntry('BE-11b', 'DBIT', '400.01', 'HANSA LOGISTIK GMBH', '2026-11-05'),
  ...payment('PAY-12', '500.00', 'Kraft Metall AG', '2026-11-04', { value_date: '2026-11-05' }),
  bankEntry('BE-12a', 'DBIT', '250.00', 'KRAFT METALL AG', '2026-11-05'),
  bankEntry('BE-12b', 'DBIT', '250.02', 'KRAFT METALL AG', '2026-11-05'),
  ...payment('PAY-8', '99.99', 'Dupont SA', '2026-11-04'),
  event('bank/db-de', 'PAY-8.settled', 'finance.payment.settled', '2026-11-05T15:00:00Z', { document_type: 'payment', document_id: 'PAY-8', amount: '99.99' }),
  event('treasury/kyriba', 'PAY-9.sent', 'finance.payment.sent', '2026-11-10T06:00:00Z', { document_type: 'payment', document_id: 'PAY-9', amount: '80.00', counterparty_name: 'Late Ltd' }),
  bankEntry('BE-10', 'CRDT', '1234.56', 'UNKNOWN PAYER', '2026-11-06'),
  receipt('RCPT-2', 'received', '640.40', '2026-11-06T10:00:00Z', { value_date: '2026-11-06' }),
  receipt('RCPT-3', 'received', '75.00', '2026-11-09T10:00:00Z', { value_date: '2026-11-09' }),
  bankEntry('BE-GB-1', 'CRDT', '88.00', 'SOME PAYER', '2026-11-06', { entity: 'GB01', currency: 'GBP' }),
];

const expectedTotals = [
  { currency: 'EUR', documents: '10', amount: '7275' },
  { currency: 'GBP', documents: '1', amount: '88' },
];

beforeAll(async () => {
  ingest = await startTestIngest();
  // Out of order: bank entries before payments, sent before released; and duplicates.
  await ingest.post([...ledger].reverse());
  await ingest.post(ledger.slice(0, 8));
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

it('counts unmatched entries, unsettled payments and unapplied receipts to the cent', async () => {
  const result = await api.unmatchedPayments({ asOf });
  expect(result.totals).toEqual(expectedTotals);
  expect(result.byKind).toEqual([
    { kind: 'bank_entry_unmatched', currency: 'EUR', documents: '5', amount: '3684.6' },
    { kind: 'bank_entry_unmatched', currency: 'GBP', documents: '1', amount: '88' },
    { kind: 'payment_unsettled', currency: 'EUR', documents: '4', amount: '2950' },
    { kind: 'receipt_unapplied', currency: 'EUR', documents: '1', amount: '640.4' },
  ]);
  expect(result.byEntity).toEqual([
    { entity: 'DE01', currency: 'EUR', documents: '10', amount: '7275' },
    { entity: 'GB01', currency: 'GBP', documents: '1', amount: '88' },
  ]);
});

it('records the rule of every match', async () => {
  const result = await api.unmatchedPayments({ asOf });
  expect(result.matchesByRule).toEqual([
    { rule: 'counterparty_amount_date', currency: 'EUR', bank_entries: '1', documents: '1', document_amount: '730.15' },
    { rule: 'exact_reference', currency: 'EUR', bank_entries: '3', documents: '3', document_amount: '1750' },
    { rule: 'many_to_one', currency: 'EUR', bank_entries: '1', documents: '3', document_amount: '349.99' },
    { rule: 'one_to_many', currency: 'EUR', bank_entries: '2', documents: '1', document_amount: '1000' },
  ]);
  const matches = await ingest.clickhouse.ch.query({
    query: `SELECT bank_entry_id, document_id, rule, matched_on, toString(difference) AS difference FROM payment_matches FINAL
            WHERE within_tolerance = 1 ORDER BY bank_entry_id, document_id`,
    format: 'JSONEachRow',
  });
  expect(await matches.json()).toEqual([
    { bank_entry_id: 'BE-1', document_id: 'PAY-1', rule: 'exact_reference', matched_on: 'end_to_end_id', difference: '0' },
    { bank_entry_id: 'BE-11a', document_id: 'PAY-11', rule: 'one_to_many', matched_on: 'group', difference: '0.01' },
    { bank_entry_id: 'BE-11b', document_id: 'PAY-11', rule: 'one_to_many', matched_on: 'group', difference: '0.01' },
    { bank_entry_id: 'BE-2', document_id: 'PAY-2', rule: 'exact_reference', matched_on: 'creditor_reference', difference: '0' },
    { bank_entry_id: 'BE-3', document_id: 'RCPT-1', rule: 'exact_reference', matched_on: 'remittance_invoice', difference: '0' },
    { bank_entry_id: 'BE-4', document_id: 'PAY-4', rule: 'counterparty_amount_date', matched_on: 'counterparty', difference: '0.01' },
    { bank_entry_id: 'BE-5', document_id: 'PAY-5a', rule: 'many_to_one', matched_on: 'group', difference: '0.01' },
    { bank_entry_id: 'BE-5', document_id: 'PAY-5b', rule: 'many_to_one', matched_on: 'group', difference: '0.01' },
    { bank_entry_id: 'BE-5', document_id: 'PAY-5c', rule: 'many_to_one', matched_on: 'group', difference: '0.01' },
  ]);
});

it('leaves many-to-one and one-to-many groups a cent outside tolerance and a partial payment unmatched', async () => {
  const result = await api.unmatchedPayments({ asOf, currencies: ['EUR'], kinds: ['bank_entry_unmatched', 'payment_unsettled'] });
  expect(result.documents.rows.map((r) => [r.kind, r.document_id, r.amount, r.difference])).toEqual([
    ['payment_unsettled', 'PAY-12', '500', ''],
    ['payment_unsettled', 'PAY-6a', '300', ''],
    ['payment_unsettled', 'PAY-6b', '150', ''],
    ['payment_unsettled', 'PAY-7', '2000', '-500'],
    ['bank_entry_unmatched', 'BE-12a', '250', ''],
    ['bank_entry_unmatched', 'BE-12b', '250.02', ''],
    ['bank_entry_unmatched', 'BE-6', '450.02', ''],
    ['bank_entry_unmatched', 'BE-7', '1500', '-500'],
    ['bank_entry_unmatched', 'BE-10', '1234.56', ''],
  ]);
});

it('does not change when every event is delivered again in another order', async () => {
  await ingest.post(ledger);
  await ingest.post([...ledger].reverse());
  await ingest.drained();
  const result = await api.unmatchedPayments({ asOf });
  expect(result.totals).toEqual(expectedTotals);
  expect(result.matchesByRule.map((r) => r.documents)).toEqual(['1', '3', '3', '1']);
});

it('filters by entity, counterparty and source system, and pages', async () => {
  expect((await api.unmatchedPayments({ asOf, entities: ['GB01'] })).documents.rows.map((r) => r.document_id)).toEqual(['BE-GB-1']);
  expect((await api.unmatchedPayments({ asOf, counterparty: 'Acme Retail' })).documents.rows.map((r) => r.document_id)).toEqual(['RCPT-2']);
  expect((await api.unmatchedPayments({ asOf, sourceSystem: 'erp/sap-de' })).totals).toEqual([{ currency: 'EUR', documents: '1', amount: '640.4' }]);
  const page = await api.unmatchedPayments({ asOf, limit: 2, offset: 1 });
  expect(page.documents.rows).toHaveLength(2);
  expect(page.documents.hasMore).toBe(true);
});

it('treats injection strings in every filter as plain values', async () => {
  const hostile = "x' OR 1=1 --";
  for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
    const result = await api.unmatchedPayments({ asOf, ...input });
    expect(result.totals).toEqual([]);
    expect(result.documents.rows).toEqual([]);
  }
  await expect(api.unmatchedPayments({ asOf, currencies: [hostile] })).rejects.toThrow(/ISO 4217/);
});

it('sends every filter value as a typed parameter, never in the SQL text', () => {
  const hostile = "x' OR 1=1 --";
  const sql = render(unmatchedPaymentsSql({
    filter: { entities: [hostile], currencies: [hostile], counterparty: hostile, sourceSystem: hostile },
    now: '2026-11-10 12:00:00.000',
    confirmationSlaHours: { entities: [hostile], values: [1], fallback: 24 },
    receiptApplyDays: { entities: [], values: [], fallback: 2 },
  }));
  expect(sql.query).not.toContain(hostile);
  expect(Object.values(sql.query_params)).toContainEqual([hostile]);
  expect(Object.values(sql.query_params)).toContain(hostile);
});

// Incremental: NL01 BE-NL-1 DBIT 42.00 e2e E2E-NL-1 arrives first and stays unmatched
// (42.00 EUR); when PAY-NL-1 42.00 with that e2e arrives, the next run matches it (rule 1).
it('matches a bank entry once its payment arrives later', async () => {
  await ingest.post([bankEntry('BE-NL-1', 'DBIT', '42.00', 'LATE BV', '2026-11-06', { entity: 'NL01', end_to_end_id: 'E2E-NL-1' })]);
  await ingest.drained();
  expect((await api.unmatchedPayments({ asOf, entities: ['NL01'] })).totals).toEqual([{ currency: 'EUR', documents: '1', amount: '42' }]);
  await ingest.post(payment('PAY-NL-1', '42.00', 'Late BV', '2026-11-05', { entity: 'NL01', end_to_end_id: 'E2E-NL-1' }));
  await ingest.drained();
  const after = await api.unmatchedPayments({ asOf, entities: ['NL01'] });
  expect(after.totals).toEqual([]);
  expect(after.matchesByRule).toEqual([{ rule: 'exact_reference', currency: 'EUR', bank_entries: '1', documents: '1', document_amount: '42' }]);
});

// Without asOf the documents come from settlement_state (kept by a materialized view);
// with asOf they are recomputed from the events. Far in the future, every SLA above has
// passed either way, so both must agree row for row: PAY-9 (80.00) and RCPT-3 (75.00) join
// (and NL01's pair is matched): 7,275.00 + 155.00 = 7,430.00 in 12 documents.
it('reads the same from the kept state as from the events', async () => {
  const fromState = await api.unmatchedPayments({ limit: 500 });
  const fromEvents = await api.unmatchedPayments({ asOf: '2099-01-01T00:00:00Z', limit: 500 });
  expect(fromState.totals).toEqual([
    { currency: 'EUR', documents: '12', amount: '7430' },
    { currency: 'GBP', documents: '1', amount: '88' },
  ]);
  expect(fromEvents.totals).toEqual(fromState.totals);
  expect(fromEvents.documents.rows.map((r) => [r.kind, r.document_id, r.amount, r.difference]))
    .toEqual(fromState.documents.rows.map((r) => [r.kind, r.document_id, r.amount, r.difference]));
});
