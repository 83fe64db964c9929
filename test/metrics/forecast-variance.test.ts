// Forecast variance against a hand-worked ledger. DE01 is in Europe/Berlin (CET, UTC+1 all
// of November 2026), US01 in America/New_York (EST, UTC−5 from Sun 1 Nov 2026; EDT before).
// Weeks start Monday. Evaluated as of Mon 2026-11-30 12:00Z unless stated.
//
// DE01 EUR forecasts (finance.forecast.updated, business time):
//   FA0 17 Nov receivables inflow   900.00 @ 04 Nov 10:00Z  (delivered LAST: out of order)
//   FA1 17 Nov receivables inflow  1000.00 @ 06 Nov 10:00Z  (delivered twice: duplicate)
//   FA2 17 Nov receivables inflow  1200.00 @ 13 Nov 10:00Z
//   FB1 18 Nov payables outflow     300.00 @ 05 Nov 09:00Z
//   FB2 18 Nov payables outflow     350.00 @ 08 Nov 23:30Z  (= Mon 9 Nov 00:30 in Berlin)
//   FC1 10 Nov receivables inflow   500.00 @ 30 Oct 12:00Z
//   FD1 24 Nov payables outflow     200.00 @ 10 Nov 08:00Z
// DE01 EUR bank entries (booked): BE-1 CRDT 1100.00 vd 17 Nov, BE-2 DBIT 320.00 vd 18 Nov,
//   BE-3 CRDT 400.00 vd 10 Nov, BE-4 DBIT 50.00 vd 2 Nov. RCPT-D1 5000.00 applied 17 Nov is
//   ignored: DE01/EUR has bank data.
// US01 USD (no bank data → settled payments − and applied receipts +, by local date):
//   FE1 12 Nov receivables inflow 2000.00 @ 01 Nov 12:00Z
//   RCPT-U1 1500.00 applied 11 Nov 15:00Z → +1500, week of 9 Nov
//   PAY-U1 400.00 settled 16 Nov 03:00Z = Sun 15 Nov 22:00 New York → −400, week of 9 Nov
//     (in UTC it would fall in the week of 16 Nov and make a row there)
//   PAY-U2 999.00 sent, not settled; RCPT-U2 777.00 received, not applied → not counted.
//
// Weekly, horizon 7 days, window 9–23 Nov. Cutoff = local midnight of (bucket start − 7 days):
//   DE01 wk 9 Nov:  cutoff 1 Nov 23:00Z → FC1 +500.            A = +400.       F−A = 100, 100/400 = 0.25
//   DE01 wk 16 Nov: cutoff 8 Nov 23:00Z → FA1 1000 (FA0 older, FA2 later), FB1 −300 (FB2 is 30 min
//                   late in Berlin; in UTC it would count) → F = 700, known at 6 Nov 10:00.
//                   A = 1100 − 320 = 780.  F−A = −80, −80/780 = −0.10256… → −0.1026
//   DE01 wk 23 Nov: cutoff 15 Nov 23:00Z → FD1 −200. A = 0 (zero-actual bucket). F−A = −200, % null
//   US01 wk 9 Nov:  cutoff 2 Nov 05:00Z → FE1 +2000. A = 1500 − 400 = 1100. F−A = 900, 0.81818… → 0.8182
//   DE01 summary: F 1000, A 1180, Σ(F−A) = −180, Σ|A−F| = 380, Σ|A| = 1180:
//     WAPE 380/1180 = 0.32203… → 0.322; MAPE mean(0.25, 0.1025641…) = 0.1762820… → 0.1763
//     (wk 23 excluded, counted as 1 zero-actual bucket); bias −180/1180 = −0.15254… → −0.1525
//   US01 summary: WAPE = MAPE = bias = 900/1100 → 0.8182.
// Horizon 1 day, DE01 wk 16 Nov: cutoff 14 Nov 23:00Z → FA2 1200, FB2 −350 → F = 850, known at
//   13 Nov 10:00; F−A = 70, 70/780 = 0.08974… → 0.0897.
// Daily, horizon 7, DE01 17–18 Nov: 17 Nov cutoff 9 Nov 23:00Z → FA1 1000, A 1100, −100/1100 → −0.0909;
//   18 Nov cutoff 10 Nov 23:00Z → FB2 −350, A −320, −30/320 = −0.09375 → −0.0938 (half away from 0).
// Monthly, horizon 7, US01 Nov: cutoff 25 Oct 04:00Z (EDT) → no forecast known: F 0, known_at null,
//   A 1100, F−A −1100, −1 ; WAPE 1, MAPE 1, bias −1.
// As of 12 Nov 00:00Z, horizon 1, DE01 wk 16 Nov: FA2 and every bank entry of that week are not
//   known yet → F = 1000 − 350 = 650, A = 0.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { render } from '../../platform/clickhouse/sql-template.ts';
import { forecastMetricsRouterEntries } from '../../server/metrics/forecast-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { forecastVarianceBucketsSql } from '../../sql/queries/forecast-variance.sql.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(router(forecastMetricsRouterEntries));
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-30T12:00:00Z';
const weekly = { asOf, bucket: 'week' as const, horizonDays: 7, from: '2026-11-09', to: '2026-11-23' };

type Data = Record<string, string>;
const event = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const forecast = (id: string, bucketDate: string, category: string, direction: string, amount: string, time: string, extra: Data = {}) =>
  event('treasury/kyriba', id, 'finance.forecast.updated', time, { bucket_date: bucketDate, category, direction, amount, ...extra });
const bankEntry = (id: string, cd: 'CRDT' | 'DBIT', amount: string, valueDate: string) =>
  event('bank/db-de', `${id}.booked`, 'finance.bank_entry.booked', `${valueDate}T20:00:00Z`,
    { document_type: 'bank_entry', document_id: id, amount, credit_debit: cd, value_date: valueDate, account: 'DE89370400440532013000', counterparty_name: 'SOME PARTY' });
const us = { entity: 'US01', currency: 'USD' };
const doc = (type: string, id: string, amount: string, extra: Data = {}) => ({ document_type: type, document_id: id, amount, counterparty_id: 'CP-1', counterparty_name: 'Acme', ...extra });

const FA0 = forecast('FA0', '2026-11-17', 'receivables', 'inflow', '900.00', '2026-11-04T10:00:00Z');
const FA1 = forecast('FA1', '2026-11-17', 'receivables', 'inflow', '1000.00', '2026-11-06T10:00:00Z');
const ledger = [
  FA1,
  forecast('FA2', '2026-11-17', 'receivables', 'inflow', '1200.00', '2026-11-13T10:00:00Z'),
  forecast('FB2', '2026-11-18', 'payables', 'outflow', '350.00', '2026-11-08T23:30:00Z'),
  forecast('FB1', '2026-11-18', 'payables', 'outflow', '300.00', '2026-11-05T09:00:00Z'),
  forecast('FC1', '2026-11-10', 'receivables', 'inflow', '500.00', '2026-10-30T12:00:00Z'),
  forecast('FD1', '2026-11-24', 'payables', 'outflow', '200.00', '2026-11-10T08:00:00Z'),
  bankEntry('BE-1', 'CRDT', '1100.00', '2026-11-17'),
  bankEntry('BE-2', 'DBIT', '320.00', '2026-11-18'),
  bankEntry('BE-3', 'CRDT', '400.00', '2026-11-10'),
  bankEntry('BE-4', 'DBIT', '50.00', '2026-11-02'),
  event('erp/sap-de', 'RCPT-D1.received', 'finance.receipt.received', '2026-11-16T10:00:00Z', doc('receipt', 'RCPT-D1', '5000.00')),
  event('erp/sap-de', 'RCPT-D1.applied', 'finance.receipt.applied', '2026-11-17T10:00:00Z', doc('receipt', 'RCPT-D1', '5000.00')),
  forecast('FE1', '2026-11-12', 'receivables', 'inflow', '2000.00', '2026-11-01T12:00:00Z', us),
  event('erp/sap-us', 'RCPT-U1.received', 'finance.receipt.received', '2026-11-10T15:00:00Z', { ...us, ...doc('receipt', 'RCPT-U1', '1500.00') }),
  event('erp/sap-us', 'RCPT-U1.applied', 'finance.receipt.applied', '2026-11-11T15:00:00Z', { ...us, ...doc('receipt', 'RCPT-U1', '1500.00') }),
  event('treasury/kyriba-us', 'PAY-U1.released', 'finance.payment.released', '2026-11-13T14:00:00Z', { ...us, ...doc('payment', 'PAY-U1', '400.00') }),
  event('treasury/kyriba-us', 'PAY-U1.sent', 'finance.payment.sent', '2026-11-13T15:00:00Z', { ...us, ...doc('payment', 'PAY-U1', '400.00') }),
  event('bank/citi-us', 'PAY-U1.settled', 'finance.payment.settled', '2026-11-16T03:00:00Z', { ...us, document_type: 'payment', document_id: 'PAY-U1' }),
  event('treasury/kyriba-us', 'PAY-U2.released', 'finance.payment.released', '2026-11-12T14:00:00Z', { ...us, ...doc('payment', 'PAY-U2', '999.00') }),
  event('treasury/kyriba-us', 'PAY-U2.sent', 'finance.payment.sent', '2026-11-12T15:00:00Z', { ...us, ...doc('payment', 'PAY-U2', '999.00') }),
  event('erp/sap-us', 'RCPT-U2.received', 'finance.receipt.received', '2026-11-12T10:00:00Z', { ...us, ...doc('receipt', 'RCPT-U2', '777.00') }),
];

const row = (entity: string, currency: string, bucket_start: string, forecast: string, actual: string, variance: string,
  variance_pct: string | null, forecast_known_at: string | null) => ({
  entity, currency, bucket_start, forecast, actual, variance, variance_pct, forecast_known_at,
  actual_basis: entity === 'US01' ? 'settled_payments_and_receipts' : 'bank_entries',
});
const weeklyRows = [
  row('DE01', 'EUR', '2026-11-09', '500', '400', '100', '0.25', '2026-10-30 12:00:00.000'),
  row('DE01', 'EUR', '2026-11-16', '700', '780', '-80', '-0.1026', '2026-11-06 10:00:00.000'),
  row('DE01', 'EUR', '2026-11-23', '-200', '0', '-200', null, '2026-11-10 08:00:00.000'),
  row('US01', 'USD', '2026-11-09', '2000', '1100', '900', '0.8182', '2026-11-01 12:00:00.000'),
];
const de01Accuracy = { buckets: '3', zero_actual_buckets: '1', forecast: '1000', actual: '1180', variance: '-180', wape: '0.322', mape: '0.1763', bias: '-0.1525' };
const us01Accuracy = { buckets: '1', zero_actual_buckets: '0', forecast: '2000', actual: '1100', variance: '900', wape: '0.8182', mape: '0.8182', bias: '0.8182' };

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  await db.insertInto('entity_settings').values([
    { entity: 'DE01', name: 'Closewatch GmbH', time_zone: 'Europe/Berlin', functional_currency: 'EUR' },
    { entity: 'US01', name: 'Closewatch Inc.', time_zone: 'America/New_York', functional_currency: 'USD' },
  ]).execute();
  await ingest.post([...ledger].reverse());
  await ingest.drained();
  // Out of order and duplicated: an older revision arrives after the newer ones, FA1 again.
  await ingest.post([FA0, FA1]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());

it('compares the forecast known a week before each bucket with the actual cash, per entity time zone', async () => {
  const result = await api.forecastVariance(weekly);
  expect(result.window).toEqual({ bucket: 'week', horizonDays: 7, from: '2026-11-09', to: '2026-11-23' });
  expect(result.buckets).toEqual({ rows: weeklyRows, hasMore: false });
});

it('reports WAPE, MAPE and bias per entity and per currency, counting zero-actual buckets apart', async () => {
  const result = await api.forecastVariance(weekly);
  expect(result.summary).toEqual([
    { entity: 'DE01', currency: 'EUR', ...de01Accuracy },
    { entity: 'US01', currency: 'USD', ...us01Accuracy },
  ]);
  expect(result.totals).toEqual([{ currency: 'EUR', ...de01Accuracy }, { currency: 'USD', ...us01Accuracy }]);
});

it('picks the revision known at the horizon', async () => {
  const result = await api.forecastVariance({ ...weekly, horizonDays: 1, entities: ['DE01'], from: '2026-11-16', to: '2026-11-16' });
  expect(result.buckets.rows).toEqual([row('DE01', 'EUR', '2026-11-16', '850', '780', '70', '0.0897', '2026-11-13 10:00:00.000')]);
});

it('buckets by day and by month', async () => {
  const daily = await api.forecastVariance({ asOf, bucket: 'day', horizonDays: 7, entities: ['DE01'], from: '2026-11-17', to: '2026-11-18' });
  expect(daily.buckets.rows).toEqual([
    row('DE01', 'EUR', '2026-11-17', '1000', '1100', '-100', '-0.0909', '2026-11-06 10:00:00.000'),
    row('DE01', 'EUR', '2026-11-18', '-350', '-320', '-30', '-0.0938', '2026-11-08 23:30:00.000'),
  ]);
  const monthly = await api.forecastVariance({ asOf, bucket: 'month', horizonDays: 7, currencies: ['USD'], from: '2026-11-01', to: '2026-11-01' });
  expect(monthly.buckets.rows).toEqual([row('US01', 'USD', '2026-11-01', '0', '1100', '-1100', '-1', null)]);
  expect(monthly.summary).toEqual([
    { entity: 'US01', currency: 'USD', buckets: '1', zero_actual_buckets: '0', forecast: '0', actual: '1100', variance: '-1100', wape: '1', mape: '1', bias: '-1' },
  ]);
});

it('knows only what was known as of the moment', async () => {
  const result = await api.forecastVariance({ asOf: '2026-11-12T00:00:00Z', horizonDays: 1, entities: ['DE01'], from: '2026-11-16', to: '2026-11-16' });
  expect(result.buckets.rows).toEqual([row('DE01', 'EUR', '2026-11-16', '650', '0', '650', null, '2026-11-08 23:30:00.000')]);
});

// Default window: the 8 weeks up to the one containing asOf (12 Oct – 30 Nov); BE-4 makes a
// DE01 row for the week of 2 Nov with no forecast: F 0, A −50, F−A 50, 50/50 = 1.
it('defaults to the last 8 buckets up to asOf, and pages the rows', async () => {
  const result = await api.forecastVariance({ asOf });
  expect(result.window).toEqual({ bucket: 'week', horizonDays: 7, from: '2026-10-12', to: '2026-11-30' });
  expect(result.buckets.rows).toEqual([row('DE01', 'EUR', '2026-11-02', '0', '-50', '50', '1', null), ...weeklyRows]);
  const first = await api.forecastVariance({ ...weekly, limit: 2 });
  expect(first.buckets).toEqual({ rows: weeklyRows.slice(0, 2), hasMore: true });
  const second = await api.forecastVariance({ ...weekly, limit: 2, offset: 2 });
  expect(second.buckets).toEqual({ rows: weeklyRows.slice(2), hasMore: false });
});

it('does not change when every event is delivered again in another order', async () => {
  await ingest.post([...ledger, FA0]);
  await ingest.post([FA0, ...ledger].reverse());
  await ingest.drained();
  const result = await api.forecastVariance(weekly);
  expect(result.buckets.rows).toEqual(weeklyRows);
  expect(result.totals).toEqual([{ currency: 'EUR', ...de01Accuracy }, { currency: 'USD', ...us01Accuracy }]);
});

it('rejects a bad window with the field named', async () => {
  await expect(api.forecastVariance({ ...weekly, from: '2026-11-23', to: '2026-11-09' })).rejects.toThrow(/from/);
  await expect(api.forecastVariance({ ...weekly, horizonDays: 366 })).rejects.toThrow(/horizonDays/);
  await expect(api.forecastVariance({ ...weekly, from: "2026-11-01' OR 1=1 --" })).rejects.toThrow(/YYYY-MM-DD/);
  await expect(api.forecastVariance({ ...weekly, bucket: 'day', from: '2020-01-01', to: '2026-11-23' })).rejects.toThrow(/400 day buckets/);
});

it('treats injection strings in every filter as plain values', async () => {
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    for (const filter of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
      const result = await api.forecastVariance({ ...weekly, ...filter });
      expect(result.buckets.rows).toEqual([]);
      expect(result.summary).toEqual([]);
      expect(result.totals).toEqual([]);
    }
    await expect(api.forecastVariance({ ...weekly, currencies: [hostile] })).rejects.toThrow(/ISO 4217/);
  }
  expect((await api.forecastVariance(weekly)).buckets.rows).toEqual(weeklyRows);
});

it('sends every filter value and time zone as a typed parameter, never in the SQL text', () => {
  const hostile = "x' OR 1=1 --";
  const sql = render(forecastVarianceBucketsSql({
    filter: { entities: [hostile], currencies: [hostile], counterparty: hostile, sourceSystem: hostile },
    now: '2026-11-30 12:00:00.000', bucket: 'week', horizonDays: 7, from: '2026-11-09', to: '2026-11-23',
    zones: { entities: [hostile], timeZones: [hostile], fallback: 'UTC' },
  }));
  expect(sql.query).not.toContain(hostile);
  expect(Object.values(sql.query_params)).toContainEqual([hostile]);
  expect(Object.values(sql.query_params)).toContain(hostile);
});

// Without asOf the bank entries come from settlement_state (kept by a materialized view) and
// every event above is in the past, so "now" must agree with a far-future asOf row for row.
it('reads the same from the kept state as from the events', async () => {
  const { asOf: _, ...window } = weekly;
  const fromState = await api.forecastVariance(window);
  const fromEvents = await api.forecastVariance({ ...window, asOf: '2099-01-01T00:00:00Z' });
  expect(fromState.buckets.rows).toEqual(weeklyRows);
  expect(fromEvents.buckets.rows).toEqual(weeklyRows);
  expect(fromState.summary).toEqual(fromEvents.summary);
});
