// The actual cash movement a forecast is compared with, one signed row per document:
// booked bank entries (CRDT +, DBIT −) by value date; for an entity and currency with no
// booked bank entry at all (as known at the moment), settled supplier payments (−) and
// applied customer receipts (+) instead, dated by the local date (entity time zone) of the
// settlement or application event. Returned payments are not netted back (a known gap).
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bucketStartSql, localDateSql } from './forecast-local-time.sql.ts';
import type { ForecastWindowQuery } from './forecast-snapshots.sql.ts';
import { bankEntriesSql, settlementRowConditions } from './payment-matching-documents.sql.ts';

/**
 * Booked bank entries: as known at asOf when one is given, else the incrementally kept
 * settlement_state (the same rows, read cheaper), as every payment metric does.
 */
const bankEntries = (q: ForecastWindowQuery): ChSql => bankEntriesSql(q.filter.asOf);

/** (entity, currency) pairs that have any booked bank entry, whatever the filters. */
export const bankCoverageSql = (q: ForecastWindowQuery): ChSql => chSql`(SELECT DISTINCT entity, currency FROM ${bankEntries(q)})`;

function settledDocumentsSql(now: string): ChSql {
  const latest = (column: ChSql) => chSql`argMaxIf(${column}, (time, source, id), ${column} != '')`;
  const cashEvent = chSql`type IN ('finance.payment.settled', 'finance.receipt.applied')`;
  return chSql`(SELECT entity, document_type, document_id,
      argMax(amount, (time, source, id)) AS amount,
      ${latest(chSql`currency`)} AS currency,
      ${latest(chSql`counterparty_id`)} AS counterparty_id,
      ${latest(chSql`counterparty_name`)} AS counterparty_name,
      groupUniqArray(source) AS sources,
      maxIf(time, ${cashEvent}) AS cash_at
    FROM (SELECT * FROM finance_events WHERE document_type IN ('payment', 'receipt') AND time <= ${p.dateTime64(now)} LIMIT 1 BY source, id)
    GROUP BY entity, document_type, document_id
    HAVING amount IS NOT NULL AND countIf(${cashEvent}) > 0)`;
}

/** One row per cash document in the window: entity, currency, bucket_start, signed amount, basis. */
export function forecastActualsSql(q: ForecastWindowQuery): ChSql {
  const inWindow = chSql`bucket_start BETWEEN ${p.date(q.from)} AND ${p.date(q.to)}`;
  const bankBucket = bucketStartSql(q.bucket, chSql`assumeNotNull(value_date)`);
  const settledBucket = bucketStartSql(q.bucket, localDateSql(q.zones, chSql`entity`, chSql`cash_at`));
  return chSql`(
    SELECT entity, currency, ${bankBucket} AS bucket_start,
           if(credit_debit = 'DBIT', -assumeNotNull(amount), assumeNotNull(amount)) AS amount
    FROM ${bankEntries(q)}
    WHERE value_date IS NOT NULL AND ${inWindow} AND ${settlementRowConditions(q.filter)}
    UNION ALL
    SELECT entity, currency, ${settledBucket} AS bucket_start,
           if(document_type = 'payment', -assumeNotNull(amount), assumeNotNull(amount)) AS amount
    FROM ${settledDocumentsSql(q.now)}
    WHERE (entity, currency) NOT IN ${bankCoverageSql(q)} AND ${inWindow} AND ${settlementRowConditions(q.filter)})`;
}
