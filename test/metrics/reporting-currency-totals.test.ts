// Every money metric's `reporting` field (server/metrics/reporting-totals.ts) against a
// hand-worked ledger. Reporting currency EUR (the default). Evaluated as of Tue 2026-11-10
// 12:00Z unless stated; every entity uses the default calendar (UTC). Each metric has its
// own entity, and every call filters on it.
//
// Rates (finance.fx.rate, 1 base = rate quote, sent 15:05Z on the rate date):
//   EUR/USD 2026-11-02 1.20   EUR/USD 2026-11-09 1.25   (USD → EUR divides)
//   GBP/EUR 2026-11-02 1.10   GBP/EUR 2026-11-09 1.15   (GBP → EUR multiplies)
//   JPY: no rate at all → always missing.
// Point-in-time metrics convert at the evaluation date, 2026-11-10 → the 11-09 rates.
// Rounding to cents is half away from zero, per converted totals row (one per currency).
//
// Stuck documents (ST01, payments released 10 Nov 06:00Z, SLA 4 h → stuck at 12:00Z):
//   EUR 100.00 → 100.00; USD 250.00 / 1.25 = 200.00; GBP 80.00 × 1.15 = 92.00; JPY 5000 → missing.
//   total null, total_known 392.00, missing JPY 2026-11-10. EUR/GBP/USD only: total 392.00.
// Unmatched payments (UM01): bank entries (CRDT, unknown payers, 6 Nov) EUR 1,234.56, USD 100.00,
//   GBP 10.01, JPY 12345; PAY-U1 USD 61.00 sent 4 Nov 09:00Z, never settled → unsettled.
//   Totals rows: EUR 1,234.56; GBP 10.01 × 1.15 = 11.5115 → 11.51; JPY missing; USD 161.00 / 1.25
//   = 128.80. total null, known 1,234.56 + 11.51 + 128.80 = 1,374.87.
//   byKind: bank_entry_unmatched known 1,234.56 + 11.51 + 80.00 = 1,326.07, null (JPY);
//   payment_unsettled 61.00 / 1.25 = 48.80; receipt_unapplied 0.
// Delayed confirmations (DC01): sent 3 Nov 09:00Z, no bank status (SLA 24 h): EUR 400.00,
//   USD 333.33, GBP 1,500.25; JPY 7000 sent then rejected AC04.
//   As of 10 Nov: 333.33 / 1.25 = 266.664 → 266.66; 1,500.25 × 1.15 = 1,725.2875 → 1,725.29;
//   total 400.00 + 266.66 + 1,725.29 = 2,391.95. byStatus: rejected null (JPY 11-10), known 0;
//   returned 0.
//   As of Fri 6 Nov 12:00Z (date 11-06 → the 11-02 rates): 333.33 / 1.20 = 277.775 → 277.78
//   (half away from zero); 1,500.25 × 1.10 = 1,650.275 → 1,650.28; total 400.00 + 277.78 +
//   1,650.28 = 2,328.06; rejected missing JPY 2026-11-06.
// Receivables misalignment (RC01, at risk): EUR CI 1,000.00 vs PTP 600.00 due 30 Nov →
//   misaligned 400.00; USD CI 500.00, PTP 500.00 due 5 Nov, unpaid → broken 500.00 / 1.25 = 400.00;
//   JPY CI 10000 vs PTP 8000 due 30 Nov → misaligned 2000 → missing; GBP CI 200.00, PTP 200.00
//   due 6 Nov, unpaid → broken 200.00 × 1.15 = 230.00.
//   total null, known 400 + 400 + 230 = 1,030.00; misaligned null, known 400.00; broken 630.00.
// Duplicate payment risk (DP01, later invoice's amount): EUR 1,250.00 pair; USD 99.99 pair →
//   79.992 → 79.99; JPY 3000 pair → missing; GBP 20.00 pair, later invoice scheduled → paid,
//   23.00. total null, known 1,250 + 79.99 + 23 = 1,352.99; before_payment null, known
//   1,329.99; paid 23.00.
// Forecast variance (FV01, weekly, horizon 7, buckets 2 and 9 Nov), each bucket at its start:
//   EUR wk 2 Nov:  F 100.00, A 90.00 (bank CRDT 3 Nov)           → 100.00 / 90.00
//   USD wk 2 Nov:  F 600.00, A 500.00, rate 1.20                 → 500.00 / 416.666… → 416.67
//   USD wk 9 Nov:  F 250.00, A 300.00, rate 1.25                 → 200.00 / 240.00
//   GBP wk 9 Nov:  F −50.00 (outflow), A −40.00 (DBIT), × 1.15   → −57.50 / −46.00
//   JPY wk 9 Nov:  F 10000, A 0                                  → missing (JPY 2026-11-09)
//   forecast known 100 + 500 + 200 − 57.50 = 742.50; actual known 90 + 416.67 + 240 − 46 = 700.67;
//   variance (the headline) known 742.50 − 700.67 = 41.83; all totals null.
//   (Converting everything at 10 Nov would give USD wk 2 Nov 480.00 / 400.00 instead.)
//   EUR/GBP/USD only: totals 41.83, forecast 742.50, actual 700.67.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { metricsRouter } from '../../server/metrics/metrics.router.ts';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(metricsRouter);
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id ?? id, data: { currency: 'EUR', ...data },
});
const rate = (base: string, quote: string, value: string, day: string) => ({
  specversion: '1.0', id: `FX-${base}-${quote}-${day}`, source: 'treasury/kyriba', type: 'finance.fx.rate', time: `${day}T15:05:00Z`, subject: `${base}/${quote}`,
  data: { entity: 'GROUP', base_currency: base, quote_currency: quote, rate: value, rate_date: day },
});

const rates = [rate('EUR', 'USD', '1.200000', '2026-11-02'), rate('EUR', 'USD', '1.250000', '2026-11-09'),
  rate('GBP', 'EUR', '1.100000', '2026-11-02'), rate('GBP', 'EUR', '1.150000', '2026-11-09')];

const pay = (entity: string, id: string, stage: string, time: string, currency: string, amount: string, source = 'treasury/kyriba', extra: Data = {}) =>
  ev(source, `${id}.${stage}`, `finance.payment.${stage}`, time,
    { entity, currency, document_type: 'payment', document_id: id, amount, counterparty_id: `SUP-${id}`, counterparty_name: `Supplier ${id}`, ...extra });

const stuck = [['ST-1', 'EUR', '100.00'], ['ST-2', 'USD', '250.00'], ['ST-3', 'GBP', '80.00'], ['ST-4', 'JPY', '5000']]
  .map(([id, currency, amount]) => pay('ST01', id!, 'released', '2026-11-10T06:00:00Z', currency!, amount!));

const bankEntry = (entity: string, id: string, cd: 'CRDT' | 'DBIT', currency: string, amount: string, valueDate: string) =>
  ev('bank/db-de', `${id}.booked`, 'finance.bank_entry.booked', `${valueDate}T20:00:00Z`,
    { entity, currency, document_type: 'bank_entry', document_id: id, amount, credit_debit: cd, value_date: valueDate, account: 'DE89370400440532013000', counterparty_name: `PAYER ${id}` });
const unmatched = [
  bankEntry('UM01', 'BE-U1', 'CRDT', 'EUR', '1234.56', '2026-11-06'),
  bankEntry('UM01', 'BE-U2', 'CRDT', 'USD', '100.00', '2026-11-06'),
  bankEntry('UM01', 'BE-U3', 'CRDT', 'GBP', '10.01', '2026-11-06'),
  bankEntry('UM01', 'BE-U4', 'CRDT', 'JPY', '12345', '2026-11-06'),
  pay('UM01', 'PAY-U1', 'released', '2026-11-04T08:00:00Z', 'USD', '61.00'),
  pay('UM01', 'PAY-U1', 'sent', '2026-11-04T09:00:00Z', 'USD', '61.00'),
];

const delayed = [
  pay('DC01', 'DC-1', 'sent', '2026-11-03T09:00:00Z', 'EUR', '400.00'),
  pay('DC01', 'DC-2', 'sent', '2026-11-03T09:00:00Z', 'USD', '333.33'),
  pay('DC01', 'DC-3', 'sent', '2026-11-03T09:00:00Z', 'GBP', '1500.25'),
  pay('DC01', 'DC-4', 'sent', '2026-11-03T09:00:00Z', 'JPY', '7000'),
  pay('DC01', 'DC-4', 'rejected', '2026-11-03T12:00:00Z', 'JPY', '7000', 'bank/db-de', { reason_code: 'AC04' }),
];

const customer = (n: string) => ({ entity: 'RC01', counterparty_id: `CUS-${n}`, counterparty_name: `Customer ${n}` });
const receivable = (n: string, currency: string, invoiced: string, promised: string, due: string) => [
  ev('erp/sap-de', `CI-R${n}.issued`, 'finance.customer_invoice.issued', '2026-10-01T09:00:00Z',
    { ...customer(n), currency, document_type: 'customer_invoice', document_id: `CI-R${n}`, amount: invoiced }),
  ev('crm/salesforce', `PTP-R${n}.commitment`, 'finance.collection.commitment', '2026-10-20T09:00:00Z',
    { ...customer(n), currency, document_type: 'collection_commitment', document_id: `PTP-R${n}`, amount: promised, promised_date: due, correlation_id: `CI-R${n}` }),
];
const receivables = [
  ...receivable('1', 'EUR', '1000.00', '600.00', '2026-11-30'),
  ...receivable('2', 'USD', '500.00', '500.00', '2026-11-05'),
  ...receivable('3', 'JPY', '10000', '8000', '2026-11-30'),
  ...receivable('4', 'GBP', '200.00', '200.00', '2026-11-06'),
];

const invoice = (id: string, n: string, currency: string, amount: string, reference: string, day: string) =>
  ev('ap/coupa-eu', `${id}.received`, 'finance.invoice.received', `${day}T09:00:00Z`,
    { entity: 'DP01', currency, document_type: 'supplier_invoice', document_id: id, counterparty_id: `SUP-D${n}`, counterparty_name: `Supplier D${n}`, amount, reference });
const duplicates = [
  invoice('INV-P1', '1', 'EUR', '1250.00', 'DUP-101', '2026-11-01'), invoice('INV-P2', '1', 'EUR', '1250.00', 'DUP 101', '2026-11-02'),
  invoice('INV-P3', '2', 'USD', '99.99', 'DUP-202', '2026-11-01'), invoice('INV-P4', '2', 'USD', '99.99', 'DUP 202', '2026-11-03'),
  invoice('INV-P5', '3', 'JPY', '3000', 'DUP-303', '2026-11-01'), invoice('INV-P6', '3', 'JPY', '3000', 'DUP 303', '2026-11-02'),
  invoice('INV-P7', '4', 'GBP', '20.00', 'DUP-404', '2026-11-01'), invoice('INV-P8', '4', 'GBP', '20.00', 'DUP 404', '2026-11-02'),
  ev('erp/sap-de', 'INV-P8.scheduled', 'finance.invoice.scheduled', '2026-11-03T12:00:00Z',
    { entity: 'DP01', currency: 'GBP', document_type: 'supplier_invoice', document_id: 'INV-P8', counterparty_id: 'SUP-D4' }),
];

const forecast = (id: string, currency: string, bucketDate: string, direction: string, amount: string, time: string) =>
  ev('treasury/kyriba', id, 'finance.forecast.updated', time, { entity: 'FV01', currency, bucket_date: bucketDate, category: 'receivables', direction, amount });
const forecasts = [
  forecast('FV-F1', 'EUR', '2026-11-03', 'inflow', '100.00', '2026-10-20T12:00:00Z'),
  bankEntry('FV01', 'FV-B1', 'CRDT', 'EUR', '90.00', '2026-11-03'),
  forecast('FV-F2', 'USD', '2026-11-04', 'inflow', '600.00', '2026-10-20T12:00:00Z'),
  bankEntry('FV01', 'FV-B2', 'CRDT', 'USD', '500.00', '2026-11-04'),
  forecast('FV-F3', 'USD', '2026-11-10', 'inflow', '250.00', '2026-10-28T12:00:00Z'),
  bankEntry('FV01', 'FV-B3', 'CRDT', 'USD', '300.00', '2026-11-09'),
  forecast('FV-F4', 'GBP', '2026-11-09', 'outflow', '50.00', '2026-10-28T12:00:00Z'),
  bankEntry('FV01', 'FV-B4', 'DBIT', 'GBP', '40.00', '2026-11-09'),
  forecast('FV-F5', 'JPY', '2026-11-11', 'inflow', '10000', '2026-10-28T12:00:00Z'),
];
const weekly = { asOf, entities: ['FV01'], bucket: 'week' as const, horizonDays: 7, from: '2026-11-02', to: '2026-11-09' };

const zero = { total: '0', total_known: '0', missing_rates: [] };
const jpyMissing = (date: string) => [{ currency: 'JPY', date }];
const known = ['EUR', 'GBP', 'USD'];

beforeAll(async () => {
  ingest = await startTestIngest();
  await syncBusinessCalendar(ingest.clickhouse.ch, await loadFinanceSettings(ingest.postgres.db), new Date('2026-10-01T00:00:00Z'));
  await ingest.post([...rates, ...stuck, ...unmatched, ...delayed, ...receivables, ...duplicates, ...forecasts]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

it('stuck documents: totals at the evaluation date, JPY flagged', async () => {
  const result = await api.stuckDocuments({ asOf, entities: ['ST01'] });
  expect(result.totals.map((t) => t.currency)).toEqual(['EUR', 'GBP', 'JPY', 'USD']);
  expect(result.reporting).toEqual({ reporting_currency: 'EUR', total: null, total_known: '392', missing_rates: jpyMissing('2026-11-10') });
  const withRates = await api.stuckDocuments({ asOf, entities: ['ST01'], currencies: known });
  expect(withRates.reporting).toEqual({ reporting_currency: 'EUR', total: '392', total_known: '392', missing_rates: [] });
});

it('unmatched payments: headline and per kind', async () => {
  const result = await api.unmatchedPayments({ asOf, entities: ['UM01'] });
  expect(result.totals).toEqual([
    { currency: 'EUR', documents: '1', amount: '1234.56' },
    { currency: 'GBP', documents: '1', amount: '10.01' },
    { currency: 'JPY', documents: '1', amount: '12345' },
    { currency: 'USD', documents: '2', amount: '161' },
  ]);
  expect(result.reporting).toEqual({
    reporting_currency: 'EUR', total: null, total_known: '1374.87', missing_rates: jpyMissing('2026-11-10'),
    byKind: {
      bank_entry_unmatched: { total: null, total_known: '1326.07', missing_rates: jpyMissing('2026-11-10') },
      payment_unsettled: { total: '48.8', total_known: '48.8', missing_rates: [] },
      receipt_unapplied: zero,
    },
  });
  const one = await api.unmatchedPayments({ asOf, entities: ['UM01'], kinds: ['payment_unsettled'] });
  expect(one.reporting).toEqual({ reporting_currency: 'EUR', total: '48.8', total_known: '48.8', missing_rates: [], byKind: { payment_unsettled: { total: '48.8', total_known: '48.8', missing_rates: [] } } });
});

it('delayed confirmations: awaiting totals at the evaluation date, rejected JPY flagged', async () => {
  const result = await api.delayedConfirmations({ asOf, entities: ['DC01'] });
  const awaiting = { total: '2391.95', total_known: '2391.95', missing_rates: [] };
  expect(result.reporting).toEqual({
    reporting_currency: 'EUR', ...awaiting,
    byStatus: { awaiting_bank_status: awaiting, rejected: { total: null, total_known: '0', missing_rates: jpyMissing('2026-11-10') }, returned: zero },
  });
});

it('delayed confirmations: an earlier asOf converts at that date (half away from zero)', async () => {
  const result = await api.delayedConfirmations({ asOf: '2026-11-06T12:00:00Z', entities: ['DC01'] });
  expect(result.reporting.total).toBe('2328.06');
  expect(result.reporting.byStatus.rejected).toEqual({ total: null, total_known: '0', missing_rates: jpyMissing('2026-11-06') });
});

it('receivables misalignment: money at risk, overall and per kind', async () => {
  const result = await api.receivablesMisalignment({ asOf, entities: ['RC01'] });
  expect(result.totals.map((t) => [t.kind, t.currency, t.amount])).toEqual([
    ['broken_promise', 'GBP', '200'], ['broken_promise', 'USD', '500'], ['misaligned', 'EUR', '400'], ['misaligned', 'JPY', '2000'],
  ]);
  expect(result.reporting).toEqual({
    reporting_currency: 'EUR', total: null, total_known: '1030', missing_rates: jpyMissing('2026-11-10'),
    byKind: {
      misaligned: { total: null, total_known: '400', missing_rates: jpyMissing('2026-11-10') },
      broken_promise: { total: '630', total_known: '630', missing_rates: [] },
    },
  });
});

it('duplicate payment risk: money at risk, overall and per status', async () => {
  const result = await api.duplicatePaymentRisk({ asOf, entities: ['DP01'] });
  expect(result.totals).toEqual([
    { currency: 'EUR', pairs: '1', amount: '1250' }, { currency: 'GBP', pairs: '1', amount: '20' },
    { currency: 'JPY', pairs: '1', amount: '3000' }, { currency: 'USD', pairs: '1', amount: '99.99' },
  ]);
  expect(result.reporting).toEqual({
    reporting_currency: 'EUR', total: null, total_known: '1352.99', missing_rates: jpyMissing('2026-11-10'),
    byStatus: {
      before_payment: { total: null, total_known: '1329.99', missing_rates: jpyMissing('2026-11-10') },
      paid: { total: '23', total_known: '23', missing_rates: [] },
    },
  });
});

it('forecast variance: each bucket converted at its start date', async () => {
  const result = await api.forecastVariance(weekly);
  expect(result.buckets.rows.map((r) => [r.currency, r.bucket_start, r.forecast, r.actual])).toEqual([
    ['EUR', '2026-11-02', '100', '90'], ['GBP', '2026-11-09', '-50', '-40'], ['JPY', '2026-11-09', '10000', '0'],
    ['USD', '2026-11-02', '600', '500'], ['USD', '2026-11-09', '250', '300'],
  ]);
  const missing = jpyMissing('2026-11-09');
  expect(result.reporting).toEqual({
    reporting_currency: 'EUR', total: null, total_known: '41.83', missing_rates: missing,
    forecast: { total: null, total_known: '742.5', missing_rates: missing },
    actual: { total: null, total_known: '700.67', missing_rates: missing },
  });
  const withRates = await api.forecastVariance({ ...weekly, currencies: known });
  expect(withRates.reporting).toEqual({
    reporting_currency: 'EUR', total: '41.83', total_known: '41.83', missing_rates: [],
    forecast: { total: '742.5', total_known: '742.5', missing_rates: [] },
    actual: { total: '700.67', total_known: '700.67', missing_rates: [] },
  });
});

it('treats injection strings in every filter as plain values: empty, zero totals', async () => {
  const empty = { reporting_currency: 'EUR', ...zero };
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    for (const filter of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
      const input = { asOf, ...filter };
      expect((await api.stuckDocuments(input)).reporting).toEqual(empty);
      expect((await api.unmatchedPayments(input)).reporting).toMatchObject(empty);
      expect((await api.delayedConfirmations(input)).reporting).toMatchObject(empty);
      expect((await api.receivablesMisalignment(input)).reporting).toMatchObject(empty);
      expect((await api.duplicatePaymentRisk(input)).reporting).toMatchObject(empty);
      expect((await api.forecastVariance({ ...weekly, entities: undefined, ...filter })).reporting).toMatchObject(empty);
    }
  }
  const check = await api.stuckDocuments({ asOf, entities: ['ST01'], currencies: known });
  expect(check.reporting.total).toBe('392');
});
