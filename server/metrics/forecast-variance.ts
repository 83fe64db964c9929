// Forecast variance: per entity, currency and bucket (in the entity's time zone) the forecast
// as it stood a horizon before the bucket against the actual cash movement, with WAPE, MAPE
// and bias per entity/currency and per currency over the window. The bucket rows are the
// documents behind the number, paged. Money and ratios are decimal strings; counts strings.
// `reporting`: the overall forecast, actual and variance (forecast − actual) in the reporting
// currency, each (currency, bucket) total converted at the bucket's start date (one grouping
// query over the buckets plus one conversion query; per entity/currency rows are not converted).
// Its total / total_known / missing_rates are the variance's; forecast and actual miss the same
// rates (same currency and date), so variance = forecast − actual holds for total and total_known.
import type { ClickHouseClient } from '@clickhouse/client';
import { TRPCError } from '@trpc/server';
import { chSql, p, queryRows } from '../../platform/clickhouse/sql-template.ts';
import type { EntityTimeZones } from '../../sql/queries/forecast-local-time.sql.ts';
import type { ForecastWindowQuery } from '../../sql/queries/forecast-snapshots.sql.ts';
import { forecastAccuracyColumns, forecastBucketColumns, forecastVarianceBucketsSql } from '../../sql/queries/forecast-variance.sql.ts';
import { calendarOf, type FinanceSettings } from '../settings/finance-settings.ts';
import type { ForecastVarianceInput } from './forecast/forecast-variance-input.ts';
import { bucketCount, forecastWindow, maxBuckets } from './forecast/forecast-window.ts';
import { documentFilter, evaluationTime } from './metric-input.ts';
import { convertGroups, subtractDecimals, type Reporting, type ReportingPart } from './reporting-totals.ts';

export interface ForecastBucketRow {
  entity: string;
  currency: string;
  bucket_start: string;
  forecast: string;
  actual: string;
  /** forecast − actual: positive = over-forecast. */
  variance: string;
  /** variance / |actual|, 4 places; null when actual is 0. */
  variance_pct: string | null;
  /** Business time of the newest forecast revision used; null when none was known at the horizon. */
  forecast_known_at: string | null;
  actual_basis: 'bank_entries' | 'settled_payments_and_receipts';
}

export interface ForecastAccuracy {
  buckets: string;
  zero_actual_buckets: string;
  forecast: string;
  actual: string;
  variance: string;
  wape: string | null;
  mape: string | null;
  bias: string | null;
}

/** Each configured entity's time zone, and the default calendar's for the rest. */
export function entityTimeZones(settings: FinanceSettings): EntityTimeZones {
  return {
    entities: settings.entities.map((e) => e.entity),
    timeZones: settings.entities.map((e) => calendarOf(settings, e.entity).timeZone),
    fallback: calendarOf(settings, '*').timeZone,
  };
}

function resolvedWindow(input: ForecastVarianceInput) {
  const window = forecastWindow(input.bucket, input.asOf ? Date.parse(input.asOf) : Date.now(), input.from, input.to);
  if (window.from > window.to) throw new TRPCError({ code: 'BAD_REQUEST', message: `from (${window.from}) must not be after to (${window.to})` });
  if (bucketCount(input.bucket, window.from, window.to) > maxBuckets) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `from/to cover more than ${maxBuckets} ${input.bucket} buckets; narrow the window` });
  }
  return window;
}

export async function forecastVariance(ch: ClickHouseClient, settings: FinanceSettings, input: ForecastVarianceInput) {
  const window = resolvedWindow(input);
  const query: ForecastWindowQuery = {
    filter: documentFilter(input),
    now: evaluationTime(input),
    bucket: input.bucket,
    horizonDays: input.horizonDays,
    ...window,
    zones: entityTimeZones(settings),
  };
  const buckets = forecastVarianceBucketsSql(query);
  const [rows, summary, totals, perBucket] = await Promise.all([
    queryRows<ForecastBucketRow>(ch, chSql`SELECT ${forecastBucketColumns} FROM ${buckets}
      ORDER BY entity, currency, bucket_start LIMIT ${p.uint32(input.limit + 1)} OFFSET ${p.uint64(input.offset)}`),
    queryRows<ForecastAccuracy & { entity: string; currency: string }>(ch, chSql`SELECT entity, currency, ${forecastAccuracyColumns}
      FROM ${buckets} GROUP BY entity, currency ORDER BY entity, currency`),
    queryRows<ForecastAccuracy & { currency: string }>(ch, chSql`SELECT currency, ${forecastAccuracyColumns}
      FROM ${buckets} GROUP BY currency ORDER BY currency`),
    queryRows<{ currency: string; date: string; forecast: string; actual: string }>(ch, chSql`
      SELECT currency, toString(bucket_start) AS date, toString(sum(forecast_amount)) AS forecast, toString(sum(actual_amount)) AS actual
      FROM ${buckets} GROUP BY currency, bucket_start ORDER BY currency, bucket_start`),
  ]);
  const reporting = await varianceReporting(ch, settings, perBucket, input.asOf);
  return {
    window: { bucket: input.bucket, horizonDays: input.horizonDays, ...window },
    buckets: { rows: rows.slice(0, input.limit), hasMore: rows.length > input.limit },
    summary,
    totals,
    reporting,
  };
}

/** Overall forecast, actual and variance in the reporting currency, each bucket at its start date. */
async function varianceReporting(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  perBucket: { currency: string; date: string; forecast: string; actual: string }[],
  asOf?: string,
): Promise<Reporting & { forecast: ReportingPart; actual: ReportingPart }> {
  const { reporting_currency, parts } = await convertGroups(ch, settings, {
    forecast: perBucket.map((r) => ({ currency: r.currency, amount: r.forecast, date: r.date })),
    actual: perBucket.map((r) => ({ currency: r.currency, amount: r.actual, date: r.date })),
  }, asOf);
  const { forecast, actual } = parts;
  return {
    reporting_currency,
    total: forecast.total !== null && actual.total !== null ? subtractDecimals(forecast.total, actual.total) : null,
    total_known: subtractDecimals(forecast.total_known, actual.total_known),
    missing_rates: forecast.missing_rates,
    forecast,
    actual,
  };
}
