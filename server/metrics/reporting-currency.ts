// Converting money to the reporting currency for metrics: the rate valid on each row's date
// (rules in sql/queries/fx-rates.sql.ts), exact decimals, and missing rates flagged — a row
// without a rate has reporting_amount null and the total is null, never a silent zero.
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { chSql, p, queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { minorUnits } from '../../ingest/events/money.ts';
import { withReportingAmountSql } from '../../sql/queries/fx-rates.sql.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';

export interface MoneyOnDate {
  currency: string;
  /** Exact decimal string. */
  amount: string;
  /** YYYY-MM-DD: the rate valid on this date is used. */
  date: string;
}

export interface ConvertedRow extends MoneyOnDate {
  rate: string | null;
  rate_date: string | null;
  reporting_amount: string | null;
}

export interface MissingRate {
  currency: string;
  date: string;
}

export interface ConvertedTotals {
  reporting_currency: string;
  rows: ConvertedRow[];
  /** Sum of every row; null when any row has no rate. */
  total: string | null;
  /** Sum of the rows that have a rate. */
  total_known: string;
  missing_rates: MissingRate[];
}

/** Decimal places of reporting amounts: the reporting currency's minor units. */
export const reportingScale = (settings: FinanceSettings): number => minorUnits(settings.reportingCurrency) ?? 2;

const decimalText = /^-?\d{1,38}(\.\d{1,20})?$/;
const currencyText = /^[A-Z]{3}$/;
const dateText = /^\d{4}-\d{2}-\d{2}$/;

/** Converts rows of money, each at its own date; rates as known at `asOf` (default now). */
export async function convertTotals(ch: ClickHouseClient, settings: FinanceSettings, rows: MoneyOnDate[], asOf?: string): Promise<ConvertedTotals> {
  for (const [i, r] of rows.entries()) {
    if (!decimalText.test(r.amount)) throw new Error(`rows[${i}].amount must be a decimal string, got ${JSON.stringify(r.amount)}`);
    if (!currencyText.test(r.currency)) throw new Error(`rows[${i}].currency must be an ISO 4217 code, got ${JSON.stringify(r.currency)}`);
    if (!dateText.test(r.date)) throw new Error(`rows[${i}].date must be YYYY-MM-DD, got ${JSON.stringify(r.date)}`);
  }
  const reporting = settings.reportingCurrency;
  if (rows.length === 0) return { reporting_currency: reporting, rows: [], total: '0', total_known: '0', missing_rates: [] };
  const input = chSql`(SELECT n, tupleElement(t, 1) AS currency, toDecimal256(tupleElement(t, 2), 20) AS amount, toDate(tupleElement(t, 3)) AS date
    FROM (SELECT arrayJoin(arrayZip(arrayEnumerate(${p.strings(rows.map((r) => r.currency))}), arrayZip(${p.strings(rows.map((r) => r.currency))},
      ${p.strings(rows.map((r) => r.amount))}, ${p.strings(rows.map((r) => r.date))}))) AS z, tupleElement(z, 1) AS n, tupleElement(z, 2) AS t))`;
  const converted = withReportingAmountSql({
    rows: input,
    date: chSql`date`,
    reportingCurrency: reporting,
    asOf: toClickHouseDateTime64(asOf ? Date.parse(asOf) : Date.now()),
    scale: reportingScale(settings),
  });
  const out = await queryRows<{ rate_text: string | null; rate_date_text: string | null; reporting_text: string | null; total_known: string }>(ch, chSql`
    SELECT n, if(fx_rate IS NULL, NULL, toString(fx_rate)) AS rate_text, if(fx_rate_date IS NULL, NULL, toString(fx_rate_date)) AS rate_date_text,
           if(reporting_amount IS NULL, NULL, toString(reporting_amount)) AS reporting_text,
           toString(sum(ifNull(reporting_amount, 0)) OVER ()) AS total_known
    FROM ${converted} ORDER BY n`);
  const missing = new Map<string, MissingRate>();
  const converted_rows = rows.map((r, i) => {
    const o = out[i]!;
    if (o.reporting_text === null) missing.set(`${r.currency}|${r.date}`, { currency: r.currency, date: r.date });
    return { ...r, rate: o.rate_text, rate_date: o.rate_date_text, reporting_amount: o.reporting_text };
  });
  const totalKnown = out[0]!.total_known;
  return {
    reporting_currency: reporting,
    rows: converted_rows,
    total: missing.size > 0 ? null : totalKnown,
    total_known: totalKnown,
    missing_rates: [...missing.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date)),
  };
}

/** Per-row conversion inside a metric query: see withReportingAmountSql. */
export function reportingAmountsSql(settings: FinanceSettings, q: { rows: ChSql; date: ChSql; asOf: string }): ChSql {
  return withReportingAmountSql({ ...q, reportingCurrency: settings.reportingCurrency, scale: reportingScale(settings) });
}
