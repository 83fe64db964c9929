// The `reporting` field of the metric results: a metric's money totals converted to the
// reporting currency (server/metrics/reporting-currency.ts) with one small query per call —
// the totals rows (one per currency, or per currency and bucket) are converted, never the
// documents. A missing rate makes the total null and is listed; total_known is the sum of
// the rest. Point-in-time metrics convert at the evaluation date (the UTC date of asOf, or
// of now); forecast variance converts each bucket at its start date.
import type { ClickHouseClient } from '@clickhouse/client';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { evaluationTime, type MetricFilterInput } from './metric-input.ts';
import { convertTotals, type MissingRate, type MoneyOnDate } from './reporting-currency.ts';

/** One converted group of totals. total is null when any rate is missing. */
export interface ReportingPart {
  total: string | null;
  total_known: string;
  missing_rates: MissingRate[];
}

export interface Reporting extends ReportingPart {
  reporting_currency: string;
}

/** A totals row before conversion: a currency and an exact decimal amount. */
export interface CurrencyAmount {
  currency: string;
  amount: string;
}

const currencyText = /^[A-Z]{3}$/;

/** Exact sum of decimal strings (BigInt on scaled integers, never a JS number); '0' when empty. */
export function addDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  let sum = 0n;
  for (const v of values) {
    const negative = v.startsWith('-');
    const [integer, fraction = ''] = (negative ? v.slice(1) : v).split('.');
    const scaled = BigInt(`${integer}${fraction.padEnd(scale, '0')}`);
    sum += negative ? -scaled : scaled;
  }
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  return `${negative ? '-' : ''}${text}`;
}

/** a − b, exactly. */
export const subtractDecimals = (a: string, b: string): string => addDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);

const missingKey = (m: MissingRate) => `${m.currency}|${m.date}`;

function sortedMissing(missing: Iterable<MissingRate>): MissingRate[] {
  const unique = new Map([...missing].map((m) => [missingKey(m), m]));
  return [...unique.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
}

/**
 * Converts several groups of rows (e.g. the headline totals and each kind) with ONE
 * convertTotals query; each group's totals are exact sums of its converted rows. A row whose
 * currency is not an ISO code (e.g. a document without a currency) is never sent to SQL: it
 * counts as a missing rate.
 */
export async function convertGroups<K extends string>(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  groups: Record<K, MoneyOnDate[]>,
  asOf?: string,
): Promise<{ reporting_currency: string; parts: Record<K, ReportingPart> }> {
  const keys = Object.keys(groups) as K[];
  const sendable = keys.flatMap((k) => groups[k].filter((r) => currencyText.test(r.currency)));
  const converted = await convertTotals(ch, settings, sendable, asOf);
  let next = 0;
  const parts = {} as Record<K, ReportingPart>;
  for (const k of keys) {
    const known: string[] = [];
    const missing: MissingRate[] = [];
    for (const row of groups[k]) {
      const amount = currencyText.test(row.currency) ? converted.rows[next++]!.reporting_amount : null;
      if (amount === null) missing.push({ currency: row.currency, date: row.date });
      else known.push(amount);
    }
    const total_known = addDecimals(known);
    parts[k] = { total: missing.length > 0 ? null : total_known, total_known, missing_rates: sortedMissing(missing) };
  }
  return { reporting_currency: converted.reporting_currency, parts };
}

/** The calendar date (UTC) a point-in-time metric converts at: asOf's, or today's. */
export const evaluationDate = (input: MetricFilterInput): string => evaluationTime(input).slice(0, 10);

/**
 * Headline totals and optional breakdowns of a point-in-time metric, all converted at the
 * evaluation date, with rates as known at asOf.
 */
export async function reportingAtEvaluation<K extends string = never>(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput,
  headline: CurrencyAmount[],
  breakdown: Record<K, CurrencyAmount[]> = {} as Record<K, CurrencyAmount[]>,
): Promise<{ reporting: Reporting; parts: Record<K, ReportingPart> }> {
  const date = evaluationDate(input);
  const onDate = (rows: CurrencyAmount[]) => rows.map((r) => ({ currency: r.currency, amount: r.amount, date }));
  const groups = { '': onDate(headline) } as Record<string, MoneyOnDate[]>;
  for (const k of Object.keys(breakdown) as K[]) groups[`.${k}`] = onDate(breakdown[k]);
  const { reporting_currency, parts } = await convertGroups(ch, settings, groups, input.asOf);
  const byKey = {} as Record<K, ReportingPart>;
  for (const k of Object.keys(breakdown) as K[]) byKey[k] = parts[`.${k}`]!;
  return { reporting: { reporting_currency, ...parts['']! }, parts: byKey };
}

/** Rows of a breakdown grouped by a key column, for reportingAtEvaluation. */
export function groupedBy<R extends CurrencyAmount, K extends string>(rows: R[], key: (r: R) => K, keys: readonly K[]): Record<K, CurrencyAmount[]> {
  const out = Object.fromEntries(keys.map((k) => [k, [] as CurrencyAmount[]])) as Record<K, CurrencyAmount[]>;
  for (const r of rows) (out[key(r)] ??= []).push({ currency: r.currency, amount: r.amount });
  return out;
}
