// Conversion to the reporting currency (EUR, the default) against hand-worked rates.
// An fx.rate event means 1 base = rate quote; rates known as of 2026-11-10 12:00Z.
//
// Rates (treasury/kyriba, entity GROUP):
//   EUR/USD 2026-11-02 1.250000             (1 EUR = 1.25 USD → USD→EUR divides)
//   EUR/USD 2026-11-05 1.100000  sent 5 Nov 15:05Z, corrected by
//   EUR/USD 2026-11-05 1.160000  sent 6 Nov 09:00Z (posted BEFORE the original: business time wins)
//   GBP/EUR 2026-11-03 1.150000  direct, and EUR/GBP 2026-11-03 0.800000 inverse: direct wins
//   CHF/EUR 2026-11-04 0.500000  direct
//   EUR/JPY 2026-10-20 160       only this one
// Rows and expected EUR:
//   1 USD  100.00 on 11-03 → latest ≤ date is 11-02 (older rate picked): 100 / 1.25 = 80.00
//   2 USD  100.00 on 11-06 → 11-05 corrected 1.16: 100 / 1.16 = 86.2068… → 86.21
//                            (the uncorrected 1.10 would give 90.91)
//   3 GBP  200.00 on 11-04 → direct 1.15: 230.00 (the inverse 0.80 would give 250.00)
//   4 EUR 1234.56 on 11-04 → same currency, rate 1 exactly: 1234.56
//   5 CHF   12.33 on 11-04 → 6.165 → half away from zero → 6.17 (half-even would give 6.16)
//   6 CHF  -12.33 on 11-04 → −6.165 → −6.17
//   7 JPY 1000    on 11-04 → last rate 10-20 is 15 days old (> 7): missing
//   8 SEK   10.00 on 11-04 → no rate at all: missing
//   9 USD   50.00 on 11-01 → the only USD rates are dated after 11-01: missing
// total_known = 80.00 + 86.21 + 230.00 + 1234.56 + 6.17 − 6.17 = 1630.77; total null;
// missing_rates JPY 11-04, SEK 11-04, USD 11-01.
// Staleness edge: JPY 1000 on 10-27 (7 days) → 1000 / 160 = 6.25; on 10-28 (8 days) missing.
// As of 6 Nov 08:00Z the correction is not known yet: row 2 → 100 / 1.10 = 90.909… → 90.91.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { convertTotals, type MoneyOnDate } from '../../server/metrics/reporting-currency.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let settings: FinanceSettings;
const asOf = '2026-11-10T12:00:00Z';

const rate = (id: string, base: string, quote: string, value: string, rateDate: string, time: string) => ({
  specversion: '1.0', id, source: 'treasury/kyriba', type: 'finance.fx.rate', time, subject: `${base}/${quote}`,
  data: { entity: 'GROUP', base_currency: base, quote_currency: quote, rate: value, rate_date: rateDate },
});

const rates = [
  rate('FX-EUR-USD-2026-11-05-c', 'EUR', 'USD', '1.160000', '2026-11-05', '2026-11-06T09:00:00Z'),
  rate('FX-EUR-USD-2026-11-02', 'EUR', 'USD', '1.250000', '2026-11-02', '2026-11-02T15:05:00Z'),
  rate('FX-EUR-USD-2026-11-05', 'EUR', 'USD', '1.100000', '2026-11-05', '2026-11-05T15:05:00Z'),
  rate('FX-GBP-EUR-2026-11-03', 'GBP', 'EUR', '1.150000', '2026-11-03', '2026-11-03T15:05:00Z'),
  rate('FX-EUR-GBP-2026-11-03', 'EUR', 'GBP', '0.800000', '2026-11-03', '2026-11-03T15:06:00Z'),
  rate('FX-CHF-EUR-2026-11-04', 'CHF', 'EUR', '0.500000', '2026-11-04', '2026-11-04T15:05:00Z'),
  rate('FX-EUR-JPY-2026-10-20', 'EUR', 'JPY', '160', '2026-10-20', '2026-10-20T15:05:00Z'),
];

const rows: MoneyOnDate[] = [
  { currency: 'USD', amount: '100.00', date: '2026-11-03' },
  { currency: 'USD', amount: '100.00', date: '2026-11-06' },
  { currency: 'GBP', amount: '200.00', date: '2026-11-04' },
  { currency: 'EUR', amount: '1234.56', date: '2026-11-04' },
  { currency: 'CHF', amount: '12.33', date: '2026-11-04' },
  { currency: 'CHF', amount: '-12.33', date: '2026-11-04' },
  { currency: 'JPY', amount: '1000', date: '2026-11-04' },
  { currency: 'SEK', amount: '10.00', date: '2026-11-04' },
  { currency: 'USD', amount: '50.00', date: '2026-11-01' },
];

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post(rates);
  await ingest.post(rates); // redelivered: counts once
  await ingest.drained();
  settings = await loadFinanceSettings(ingest.postgres.db);
});
afterAll(() => ingest?.close());

it('converts each row at the rate valid on its date, exactly', async () => {
  const result = await convertTotals(ingest.clickhouse.ch, settings, rows, asOf);
  expect(result.reporting_currency).toBe('EUR');
  expect(result.rows.map((r) => r.reporting_amount)).toEqual(['80', '86.21', '230', '1234.56', '6.17', '-6.17', null, null, null]);
  expect(result.rows.map((r) => [r.rate, r.rate_date])).toEqual([
    ['1.25', '2026-11-02'], ['1.16', '2026-11-05'], ['1.15', '2026-11-03'], ['1', null], ['0.5', '2026-11-04'], ['0.5', '2026-11-04'],
    [null, null], [null, null], [null, null],
  ]);
});

it('flags missing rates: total null, known total and the missing (currency, date) listed', async () => {
  const result = await convertTotals(ingest.clickhouse.ch, settings, rows, asOf);
  expect(result.total).toBeNull();
  expect(result.total_known).toBe('1630.77');
  expect(result.missing_rates).toEqual([
    { currency: 'JPY', date: '2026-11-04' },
    { currency: 'SEK', date: '2026-11-04' },
    { currency: 'USD', date: '2026-11-01' },
  ]);
});

it('gives a total when every rate is known', async () => {
  const result = await convertTotals(ingest.clickhouse.ch, settings, rows.slice(0, 4), asOf);
  expect(result.total).toBe('1630.77');
  expect(result.missing_rates).toEqual([]);
});

it('uses a rate up to 7 days old and no older', async () => {
  const result = await convertTotals(ingest.clickhouse.ch, settings, [
    { currency: 'JPY', amount: '1000', date: '2026-10-27' },
    { currency: 'JPY', amount: '1000', date: '2026-10-28' },
  ], asOf);
  expect(result.rows.map((r) => r.reporting_amount)).toEqual(['6.25', null]);
});

it('uses only the rates known at the as-of moment', async () => {
  const result = await convertTotals(ingest.clickhouse.ch, settings, [rows[1]!], '2026-11-06T08:00:00Z');
  expect(result.rows[0]!.reporting_amount).toBe('90.91');
  expect(result.rows[0]!.rate).toBe('1.1');
});

it('refuses malformed input instead of sending it to SQL', async () => {
  for (const bad of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    await expect(convertTotals(ingest.clickhouse.ch, settings, [{ currency: 'USD', amount: bad, date: '2026-11-03' }], asOf)).rejects.toThrow(/amount/);
    await expect(convertTotals(ingest.clickhouse.ch, settings, [{ currency: bad, amount: '1', date: '2026-11-03' }], asOf)).rejects.toThrow(/currency/);
  }
  const still = await convertTotals(ingest.clickhouse.ch, settings, [rows[0]!], asOf);
  expect(still.total).toBe('80');
});
