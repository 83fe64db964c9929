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
import { chSql, queryRows } from '../../platform/clickhouse/sql-template.ts';
import type { EntityTimeZones } from '../../sql/queries/forecast-local-time.sql.ts';
import type { ForecastWindowQuery } from '../../sql/queries/forecast-snapshots.sql.ts';
import { collectBankCoverageSql } from '../../sql/queries/forecast-actuals.sql.ts';
import { forecastAccuracyColumns, forecastVarianceBucketsSql } from '../../sql/queries/forecast-variance.sql.ts';
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

interface GroupedRow extends ForecastAccuracy {
  by_entity: boolean;
  by_bucket: boolean;
  entity: string;
  currency: string;
  bucket: string;
  forecast_known_at: string | null;
  basis: ForecastBucketRow['actual_basis'];
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
  // Which entities and currencies have bank entries (the actuals' basis) is found first and
  // named as values: the statement below needs it twice, and finding it itself made it
  // slower to plan than to run.
  const [coverage] = await queryRows<{ entities: string[]; currencies: string[] }>(ch, collectBankCoverageSql(query));
  query.bankCoverage = coverage;
  // The buckets are computed once: one statement returns each bucket (the finest grouping
  // set: its accuracy bias is its variance %), accuracy per entity and currency, per currency,
  // and the per-currency series the reporting totals convert. A window holds at most
  // maxBuckets buckets per entity and currency, so the rows are paged here.
  const grouped = await queryRows<GroupedRow>(ch, chSql`
    SELECT grouping(entity) = 0 AS by_entity, grouping(bucket_start) = 0 AS by_bucket,
           entity, currency, toString(bucket_start) AS bucket, ${forecastAccuracyColumns},
           toString(max(known_at)) AS forecast_known_at, any(actual_basis) AS basis
    FROM ${forecastVarianceBucketsSql(query)}
    GROUP BY GROUPING SETS ((entity, currency, bucket_start), (entity, currency), (currency), (currency, bucket_start))
    ORDER BY entity, currency, bucket_start
    SETTINGS force_grouping_standard_compatibility = 1`);
  const accuracy = ({ buckets, zero_actual_buckets, forecast, actual, variance, wape, mape, bias }: GroupedRow): ForecastAccuracy =>
    ({ buckets, zero_actual_buckets, forecast, actual, variance, wape, mape, bias });
  const bucketRows: ForecastBucketRow[] = grouped.filter((r) => r.by_entity && r.by_bucket).map((r) => ({
    entity: r.entity, currency: r.currency, bucket_start: r.bucket, forecast: r.forecast, actual: r.actual, variance: r.variance,
    variance_pct: r.bias, forecast_known_at: r.forecast_known_at, actual_basis: r.basis,
  }));
  const rows = bucketRows.slice(input.offset, input.offset + input.limit + 1);
  const summary = grouped.filter((r) => r.by_entity && !r.by_bucket).map((r) => ({ entity: r.entity, currency: r.currency, ...accuracy(r) }));
  const totals = grouped.filter((r) => !r.by_entity && !r.by_bucket).map((r) => ({ currency: r.currency, ...accuracy(r) }));
  const perBucket = grouped.filter((r) => !r.by_entity && r.by_bucket).map((r) => ({ currency: r.currency, date: r.bucket, forecast: r.forecast, actual: r.actual }));
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
