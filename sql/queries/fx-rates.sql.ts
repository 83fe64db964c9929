// FX rates to the reporting currency, from `finance.fx.rate` events, and the join that
// converts rows of money with them.
//
// Meaning of an event: 1 base_currency = rate quote_currency on rate_date (the simulator's
// daily fixing sends base EUR, quote USD, rate "1.090000": 1 EUR buys 1.09 USD). So for a
// currency C and the reporting currency R:
//   direct pair  (base C, quote R): amount_R = amount_C × rate
//   inverse pair (base R, quote C): amount_R = amount_C ÷ rate
// When both are known for the same date the direct pair wins. Only pairs that touch R are
// used (no cross rates through a third currency).
//
// Which rate: the latest rate_date ≤ the row's date, no older than fxMaxStaleDays (7: a
// week of holidays still finds the last fixing; anything older is missing, not guessed).
// Rate events are read from fx_rate_events (sql/clickhouse/0015_fx_rate_events.sql: the
// `finance.fx.rate` events' fields, kept apart from the other finance events as they arrive).
// A rate event counts once per (source, id); a correction (same pair and rate_date, later
// event) wins by business time, then (source, id). Rates are those known at `asOf`.
//
// Exactness: rates are Decimal(38, 10); the product/quotient is taken in Decimal(76, 20+)
// (a quotient is truncated at 20 decimals, which cannot move a half-up rounding at 2) and
// rounded to the reporting currency's minor units, half away from zero (ClickHouse round()
// on decimals: 0.125 → 0.13, −0.125 → −0.13). Same currency converts with rate 1 exactly.
// No rate: reporting_amount is NULL and fx_missing = 1 — never 0, never rate 1.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

/** Days a rate stays usable after its rate_date. */
export const fxMaxStaleDays = 7;

export interface FxScope {
  reportingCurrency: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: rate events with a later business time are not known yet. */
  asOf: string;
}

/**
 * One row per (currency, rate_date) against the reporting currency: the corrected rate and
 * whether it is the inverse pair.
 */
export function reportingRatesSql(q: FxScope): ChSql {
  const r = p.string(q.reportingCurrency);
  return chSql`(SELECT if(base = ${r}, quote, base) AS currency, rate_date,
      argMax(pair_rate, base != ${r}) AS rate,
      argMax(base = ${r}, base != ${r}) AS inverse
    FROM (SELECT base_currency AS base, quote_currency AS quote, rate_date, argMax(rate, (time, source, id)) AS pair_rate
          FROM (SELECT source, id, time, base_currency, quote_currency, rate_date, rate FROM fx_rate_events
                WHERE time <= ${p.dateTime64(q.asOf)} LIMIT 1 BY source, id)
          WHERE (base = ${r}) != (quote = ${r}) AND rate_date IS NOT NULL
          GROUP BY base, quote, rate_date)
    WHERE pair_rate > 0
    GROUP BY currency, rate_date)`;
}

export interface ConvertQuery extends FxScope {
  /** A subquery with (at least) the currency and amount columns named below. */
  rows: ChSql;
  /** The date each row converts at, an expression over the row's columns (Date). */
  date: ChSql;
  /** Column names in `rows`; default currency / amount. */
  currencyColumn?: ChSql;
  amountColumn?: ChSql;
  /** Decimal places of the result: the reporting currency's minor units (default 2). */
  scale?: number;
}

/**
 * The rows with fx_date, fx_rate (NULL when missing), fx_rate_date, fx_inverse, fx_missing
 * and reporting_amount (NULL when missing) added. The rows are read once (an ASOF join
 * against the small rate table), so this wraps heavy metric subqueries cheaply.
 */
export function withReportingAmountSql(q: ConvertQuery): ChSql {
  const r = p.string(q.reportingCurrency);
  const currency = q.currencyColumn ?? chSql`currency`;
  const amount = q.amountColumn ?? chSql`amount`;
  return chSql`(SELECT *,
      fx_same OR (fx_found = 1 AND dateDiff('day', fx_found_date, fx_date) <= ${p.uint32(fxMaxStaleDays)}) AS fx_known,
      NOT fx_known AS fx_missing,
      multiIf(fx_same, toDecimal128(1, 10), fx_known, fx_found_rate, NULL) AS fx_rate,
      if(fx_known AND NOT fx_same, fx_found_date, NULL) AS fx_rate_date,
      fx_known AND NOT fx_same AND fx_found_inverse = 1 AS fx_inverse,
      multiIf(fx_same, round(toDecimal256(fx_amount, 20), ${p.uint32(q.scale ?? 2)}),
              NOT fx_known, NULL,
              fx_inverse, round(toDecimal256(fx_amount, 20) / fx_found_rate, ${p.uint32(q.scale ?? 2)}),
              round(toDecimal256(fx_amount, 20) * fx_found_rate, ${p.uint32(q.scale ?? 2)})) AS reporting_amount
    FROM (SELECT fx_row.*, fx_row.fx_currency = ${r} AS fx_same,
            fx.found AS fx_found, fx.rate_date AS fx_found_date, fx.rate AS fx_found_rate, fx.inverse AS fx_found_inverse
          FROM (SELECT *, ${currency} AS fx_currency, ${amount} AS fx_amount, toDate(${q.date}) AS fx_date FROM ${q.rows}) AS fx_row
          ASOF LEFT JOIN (SELECT currency, rate_date, rate, inverse, toUInt8(1) AS found FROM ${reportingRatesSql(q)}) AS fx
            ON fx.currency = fx_row.fx_currency AND fx_row.fx_date >= fx.rate_date))`;
}
