// Forecast variance per (entity, currency, bucket): forecast F as known a horizon before the
// bucket (forecast-snapshots) against actual cash A (forecast-actuals). Sign convention:
// variance = F − A, so a positive variance means the forecast was too high (over-forecast),
// matching bias = Σ(F − A) / Σ|A|. A bucket is listed when it has a forecast known at the
// horizon or any actual movement; a forecast not yet known at the horizon counts as 0.
// Ratios are Decimal(76, 20) divisions rounded half away from zero to 4 places, as strings.
import { chSql, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bankCoverageSql, forecastActualsSql } from './forecast-actuals.sql.ts';
import { forecastSnapshotsSql, type ForecastWindowQuery } from './forecast-snapshots.sql.ts';

/** Decimal(38, 4) can hold nothing smaller than this; dividing by it never divides by zero. */
const smallest = chSql`toDecimal128('0.0001', 4)`;
const ratio = (numerator: ChSql, denominator: ChSql): ChSql =>
  chSql`toString(round(toDecimal256(${numerator}, 20) / greatest(${denominator}, ${smallest}), 4))`;

/** One row per bucket: entity, currency, bucket_start, forecast, actual, forecast_known_at, actual_basis. */
export function forecastVarianceBucketsSql(q: ForecastWindowQuery): ChSql {
  const zero = chSql`toDecimal128(0, 4)`;
  return chSql`(SELECT entity, currency, bucket_start, sum(f) AS forecast_amount, sum(a) AS actual_amount, max(known_at) AS known_at,
      if((entity, currency) IN ${bankCoverageSql(q)}, 'bank_entries', 'settled_payments_and_receipts') AS actual_basis
    FROM (
      SELECT entity, currency, bucket_start, forecast AS f, ${zero} AS a, toNullable(known_at) AS known_at FROM ${forecastSnapshotsSql(q)}
      UNION ALL
      SELECT entity, currency, bucket_start, ${zero} AS f, amount AS a, CAST(NULL AS Nullable(DateTime64(3, 'UTC'))) AS known_at
      FROM ${forecastActualsSql(q)})
    GROUP BY entity, currency, bucket_start)`;
}

/**
 * Accuracy over a group of buckets (over one bucket, bias is its variance %: (F − A) / |A|,
 * null when A = 0): WAPE = Σ|A − F| / Σ|A| (null when Σ|A| = 0), MAPE = mean of
 * |A − F| / |A| over buckets with A ≠ 0 (null when there are none; zero-actual buckets are
 * counted in zero_actual_buckets), bias = Σ(F − A) / Σ|A|.
 */
export const forecastAccuracyColumns = chSql`toString(count()) AS buckets, toString(countIf(actual_amount = 0)) AS zero_actual_buckets,
  toString(sum(forecast_amount)) AS forecast, toString(sum(actual_amount)) AS actual, toString(sum(forecast_amount - actual_amount)) AS variance,
  if(sum(abs(actual_amount)) = 0, NULL, ${ratio(chSql`sum(abs(actual_amount - forecast_amount))`, chSql`sum(abs(actual_amount))`)}) AS wape,
  if(countIf(actual_amount != 0) = 0, NULL, toString(round(
    sumIf(toDecimal256(abs(actual_amount - forecast_amount), 20) / greatest(abs(actual_amount), ${smallest}), actual_amount != 0) / countIf(actual_amount != 0), 4))) AS mape,
  if(sum(abs(actual_amount)) = 0, NULL, ${ratio(chSql`sum(forecast_amount - actual_amount)`, chSql`sum(abs(actual_amount))`)}) AS bias`;
