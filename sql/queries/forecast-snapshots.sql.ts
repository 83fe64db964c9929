// The forecast "as it stood a horizon before the bucket": per forecast document (entity,
// currency/bucket_date/category/direction) the latest finance.forecast.updated whose business
// time is at or before local midnight of (bucket start − horizon days) in the entity's time
// zone, and not after the evaluation moment. Redeliveries count once (LIMIT 1 BY source, id);
// a revision that arrives late with an earlier business time does not override a later one.
// Outflows count negative; the bucket's forecast is the net of its documents. The revisions
// are read from forecast_revisions (sql/clickhouse/0016_forecast_revisions.sql: the events'
// fields, ordered by bucket date, so a window reads only its buckets' revisions).
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from './current-documents.sql.ts';
import { bucketStartSql, localMidnightMsSql, type EntityTimeZones, type ForecastBucket } from './forecast-local-time.sql.ts';
import { settlementRowConditions } from './payment-matching-documents.sql.ts';

export interface ForecastWindowQuery {
  /** Entities, currencies, counterparty, source system; asOf set: bank entries as known then, unset: kept state. */
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: events with a later business time are not known yet. */
  now: string;
  bucket: ForecastBucket;
  horizonDays: number;
  /** Bucket starts, YYYY-MM-DD inclusive. */
  from: string;
  to: string;
  zones: EntityTimeZones;
  /**
   * The (entity, currency) pairs with any booked bank entry (bankCoverageSql), found first and
   * named here as values; without them, the statement finds them itself.
   */
  bankCoverage?: { entities: string[]; currencies: string[] };
}

/** One row per (entity, currency, bucket_start): forecast (net) and when the newest snapshot used was made. */
export function forecastSnapshotsSql(q: ForecastWindowQuery): ChSql {
  const entities = q.filter.entities?.length ? chSql`AND entity IN ${p.strings(q.filter.entities)}` : chSql``;
  const bucketStart = bucketStartSql(q.bucket, chSql`bucket_date`);
  const cutoffMs = localMidnightMsSql(q.zones, chSql`entity`, chSql`subtractDays(bucket_start, ${p.uint32(q.horizonDays)})`);
  // (a superset of the window's bucket dates, which the table's key can read: no bucket is longer than a month)
  const dates = chSql`bucket_date >= ${p.date(q.from)} AND bucket_date < addMonths(${p.date(q.to)}, 1)`;
  return chSql`(SELECT entity, currency, bucket_start, sum(amount) AS forecast, max(known_at) AS known_at
    FROM (
      SELECT entity, currency, document_id, bucket_start,
             argMax(signed_amount, (time, source, id)) AS amount, max(time) AS known_at
      FROM (
        SELECT entity, currency, document_id, source, id, time, counterparty_id, counterparty_name, [source] AS sources,
               ${bucketStart} AS bucket_start,
               if(direction = 'outflow', -amount, amount) AS signed_amount
        FROM (SELECT * FROM forecast_revisions
              WHERE ${dates} AND time <= ${p.dateTime64(q.now)} ${entities}
              LIMIT 1 BY source, id)
        WHERE bucket_start BETWEEN ${p.date(q.from)} AND ${p.date(q.to)}
          AND toUnixTimestamp64Milli(time) <= ${cutoffMs}
          AND ${settlementRowConditions(q.filter)})
      GROUP BY entity, currency, document_id, bucket_start)
    GROUP BY entity, currency, bucket_start)`;
}
