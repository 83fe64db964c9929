// The actual cash movement a forecast is compared with, one signed row per document:
// booked bank entries (CRDT +, DBIT −) by value date; for an entity and currency with no
// booked bank entry at all (as known at the moment), settled supplier payments (−) and
// applied customer receipts (+) instead, dated by the local date (entity time zone) of the
// settlement or application event. Returned payments are not netted back (a known gap).
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bucketStartSql, localDateSql } from './forecast-local-time.sql.ts';
import type { ForecastWindowQuery } from './forecast-snapshots.sql.ts';
import { bankEntriesSql, settlementDocumentsSql, settlementRowConditions } from './payment-matching-documents.sql.ts';

/**
 * Booked bank entries: as known at asOf when one is given, else the incrementally kept
 * settlement_state (the same rows, read cheaper), as every payment metric does.
 */
const bankEntries = (q: ForecastWindowQuery): ChSql => bankEntriesSql(q.filter.asOf);

/** (entity, currency) pairs that have any booked bank entry, whatever the filters: q.bankCoverage if found already. */
export const bankCoverageSql = (q: ForecastWindowQuery): ChSql => q.bankCoverage
  ? chSql`(SELECT arrayJoin(arrayZip(${p.strings(q.bankCoverage.entities)}, ${p.strings(q.bankCoverage.currencies)})))`
  : chSql`(SELECT DISTINCT entity, currency FROM ${bankEntries(q)})`;

/** One row: bankCoverageSql's pairs as parallel arrays (entities, currencies), to be named as q.bankCoverage. */
export const collectBankCoverageSql = (q: ForecastWindowQuery): ChSql =>
  chSql`SELECT groupArray(entity) AS entities, groupArray(currency) AS currencies FROM ${bankCoverageSql({ ...q, bankCoverage: undefined })}`;

/**
 * Settled payments and applied receipts with when the money moved (cash_at): from the
 * documents as kept "now", or as known at asOf.
 */
function settledDocumentsSql(q: ForecastWindowQuery): ChSql {
  return chSql`(SELECT entity, document_type, document_id, amount, currency, counterparty_id, counterparty_name, sources, cash_at
    FROM ${settlementDocumentsSql(q.filter.asOf)}
    WHERE cash_at > toDateTime64(0, 3, 'UTC'))`;
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
    FROM ${settledDocumentsSql(q)}
    WHERE (entity, currency) NOT IN ${bankCoverageSql(q)} AND ${inWindow} AND ${settlementRowConditions(q.filter)})`;
}
