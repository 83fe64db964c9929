// Delayed bank confirmations "now" from a kept generation of watched payments
// (sql/clickhouse/0024_kept_confirmations.sql): the rule is bank-confirmations.sql.ts's; this
// module only changes where the payments come from.
//
//   changed   the payments with payment_confirmation_state or settlement_state rows written
//             after the generation's watermark, and those with an event dated after now
//             (their answer is their events up to now): found first, named here as values.
//   rows      the kept payments of every other one, the SLA applied now, and the rule applied
//             afresh to the changed ones, merged from the states by primary key.
// An unchanged payment's flags, money and names are what the states say now, so its kept row
// gives the same answer as the recomputed one.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bankConfirmationsOfKeysSql, confirmationPaymentColumns, confirmationRowsSql, watchedPaymentsSql, type BankConfirmationQuery } from './bank-confirmations.sql.ts';
import { collectDocumentKeysSql, documentKeysSql, type DocumentKeys, type KeptGenerationMark } from './document-keys.sql.ts';

/** Changed payments, as document keys whose document_type says 'later' for those with an event dated after now. */
export function changedPaymentsSql(q: BankConfirmationQuery, kept: KeptGenerationMark, limit: number): ChSql {
  const since = p.dateTime64(kept.watermark);
  const entities = q.filter.entities?.length ? [chSql`entity IN ${p.strings(q.filter.entities)}`] : [];
  const where = (...c: ChSql[]) => join([...c, ...entities], ' AND ');
  return collectDocumentKeysSql(chSql`(SELECT entity, if(max(later), 'later', 'payment') AS document_type, document_id FROM (
      SELECT entity, document_id, last_time > ${p.dateTime64(q.now)} AS later FROM payment_confirmation_state
      WHERE ${where(chSql`(inserted_at > ${since} OR last_time > ${p.dateTime64(q.now)})`)}
      UNION ALL
      SELECT entity, document_id, 0 FROM settlement_state WHERE ${where(chSql`document_type = 'payment'`, chSql`inserted_at > ${since}`)})
    GROUP BY entity, document_id)`, limit);
}

/** The rows of bankConfirmationsSql now from kept generation `kept` and the payments `changed` since it. */
export function keptBankConfirmationsSql(q: BankConfirmationQuery, kept: KeptGenerationMark, changed: DocumentKeys): ChSql {
  const keys = documentKeysSql(changed);
  const exclude = changed.entities.length ? [chSql`(entity, document_id) NOT IN (SELECT entity, document_id FROM ${keys})`] : [];
  const keptPayments = chSql`(SELECT ${confirmationPaymentColumns} FROM watched_confirmations
    WHERE ${join([chSql`generation = ${p.uint64(kept.generation)}`, ...exclude], ' AND ')})`;
  const keptRows = confirmationRowsSql(q, keptPayments);
  if (!changed.entities.length) return keptRows;
  const pick = (type: string) => chSql`SELECT entity, document_id FROM ${keys} WHERE document_type = ${p.string(type)}`;
  const later = changed.documentTypes.includes('later') ? pick('later') : undefined;
  return chSql`(SELECT * FROM ${keptRows} UNION ALL SELECT * FROM ${bankConfirmationsOfKeysSql(q, pick('payment'), later)})`;
}

/** Writes generation `generation`: every payment that needs attention now or will once its SLA passes. */
export function keptConfirmationsBuildSql(generation: string): ChSql {
  return chSql`INSERT INTO watched_confirmations (generation, ${confirmationPaymentColumns})
    SELECT ${p.uint64(generation)}, ${confirmationPaymentColumns} FROM ${watchedPaymentsSql()}`;
}
