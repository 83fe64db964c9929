// Receivables misalignment "now" from a kept generation (sql/clickhouse/0025_kept_receivables.sql):
// the rules are receivables-misalignment.sql.ts's; this module only changes where the
// per-(customer, invoice key) rows of its first step come from.
//
//   changed   the documents with receivables_state rows written after the generation's
//             watermark, and those with an event dated after now (their answer is their
//             events up to now, which the kept rows do not tell).
//   touched   the keys (entity, customer, currency, invoice key) of the changed documents
//             now and as the generation kept them.
//   keys      the kept rows of every other key, as they are; the touched keys grouped again
//             from the kept documents of their unchanged documents and the changed documents
//             as they are now.
// An unchanged document is what the state says now, so a key none of whose documents changed
// has exactly its recomputed row; every changed document lies in a touched key, before and after.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { documentKeysSql, type DocumentKeys, type KeptGenerationMark } from './document-keys.sql.ts';
import { receivablesDocumentsOfKeysSql, receivablesDocumentsSql, type LedgerScope } from './receivables-ledger.sql.ts';
import { invoiceKeysSql } from './receivables-misalignment.sql.ts';

/** The ledger columns of a kept document (receivablesDocumentsSql's, in its order). */
const documentColumns = chSql`document_type, entity, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id,
  promised_date, at, applied, written_off, sources`;
/** The columns of a kept key row (invoiceKeysSql's, in its order). */
const keyColumns = chSql`entity, counterparty_id, currency, key, is_invoice, is_item, open, item_sources, receipts, latest_by_source, commitments`;
/** The invoice a document belongs to: an invoice itself, or the one a receipt or commitment names. */
const invoiceKey = chSql`if(document_type = 'customer_invoice', document_id, correlation_id)`;
const keyTuple = chSql`(entity, counterparty_id, currency, key)`;

/** The documents changed since a kept generation, as changedReceivablesSql finds them. */
export interface ChangedReceivables extends DocumentKeys {
  /** Per document: 1 when it has an event dated after now. */
  later: number[];
}

const entitiesOf = (scope: LedgerScope): ChSql[] => (scope.entities?.length ? [chSql`entity IN ${p.strings(scope.entities)}`] : []);

/**
 * The documents changed since generation `kept` (state rows written after its watermark) and
 * those with an event dated after now; at most `limit` (a read finding more recomputes all).
 */
export function changedReceivablesSql(scope: LedgerScope, kept: KeptGenerationMark, limit: number): ChSql {
  const now = p.dateTime64(scope.now);
  return chSql`SELECT groupArray(entity) AS entities, groupArray(document_type) AS documentTypes, groupArray(document_id) AS documentIds,
      groupArray(later) AS later FROM (
    SELECT entity, document_type, document_id, toUInt8(max(last_time > ${now})) AS later FROM receivables_state
    WHERE ${join([chSql`(inserted_at > ${p.dateTime64(kept.watermark)} OR last_time > ${now})`, ...entitiesOf(scope)], ' AND ')}
    GROUP BY entity, document_type, document_id
    LIMIT ${p.uint32(limit)})`;
}

/** The changed documents as a subquery (entity, document_type, document_id); `pick` chooses among them. */
function changedKeysSql(changed: ChangedReceivables, pick: (i: number) => boolean = () => true): ChSql {
  const at = changed.entities.map((_, i) => i).filter(pick);
  const list = (values: string[]) => at.map((i) => values[i]!);
  return chSql`SELECT * FROM ${documentKeysSql({ entities: list(changed.entities), documentTypes: list(changed.documentTypes), documentIds: list(changed.documentIds) })}`;
}

/** The changed documents as they are now (receivablesDocumentsSql's columns). */
function freshDocumentsSql(scope: LedgerScope, changed: ChangedReceivables): ChSql {
  const later = changed.later.some((l) => l === 1) ? changedKeysSql(changed, (i) => changed.later[i] === 1) : undefined;
  return receivablesDocumentsOfKeysSql(scope.now, changedKeysSql(changed, (i) => changed.later[i] !== 1), later);
}

/** The keys the changed documents touch, as touchedKeysSql finds them. */
export interface TouchedKeys {
  entities: string[];
  counterpartyIds: string[];
  currencies: string[];
  keys: string[];
}

/** The keys of the changed documents now and of their kept versions. */
export function touchedKeysSql(scope: LedgerScope, kept: KeptGenerationMark, changed: ChangedReceivables): ChSql {
  return chSql`SELECT groupArray(entity) AS entities, groupArray(counterparty_id) AS counterpartyIds, groupArray(currency) AS currencies,
      groupArray(key) AS keys FROM (
    SELECT entity, counterparty_id, currency, ${invoiceKey} AS key FROM ${freshDocumentsSql(scope, changed)}
    UNION DISTINCT
    SELECT entity, counterparty_id, currency, key FROM receivable_documents
    WHERE generation = ${p.uint64(kept.generation)} AND (entity, document_type, document_id) IN (${changedKeysSql(changed)}))`;
}

/**
 * The per-(customer, invoice key) rows of invoiceKeysSql now: those of kept generation `kept`,
 * except the keys `touched` by the documents `changed` since it, which are grouped again from
 * the kept documents of their unchanged documents and the changed documents now. The changed
 * documents and the touched keys are found first (changedReceivablesSql, touchedKeysSql) and
 * named here as values.
 */
export function keptInvoiceKeysSql(scope: LedgerScope, kept: KeptGenerationMark, changed?: ChangedReceivables, touched?: TouchedKeys): ChSql {
  const generation = chSql`generation = ${p.uint64(kept.generation)}`;
  if (!changed?.entities.length || !touched?.entities.length) {
    return chSql`(SELECT ${keyColumns} FROM receivable_keys WHERE ${join([generation, ...entitiesOf(scope)], ' AND ')})`;
  }
  const keys = chSql`(SELECT arrayJoin(arrayZip(${p.strings(touched.entities)}, ${p.strings(touched.counterpartyIds)},
    ${p.strings(touched.currencies)}, ${p.strings(touched.keys)})))`;
  const members = chSql`(SELECT ${documentColumns} FROM receivable_documents
      WHERE ${join([generation, chSql`${keyTuple} IN ${keys}`, chSql`(entity, document_type, document_id) NOT IN (${changedKeysSql(changed)})`, ...entitiesOf(scope)], ' AND ')}
    UNION ALL
    SELECT ${documentColumns} FROM ${freshDocumentsSql(scope, changed)})`;
  return chSql`(SELECT ${keyColumns} FROM receivable_keys WHERE ${join([generation, chSql`${keyTuple} NOT IN ${keys}`, ...entitiesOf(scope)], ' AND ')}
    UNION ALL
    SELECT ${keyColumns} FROM ${invoiceKeysSql(members)})`;
}

/** The moment a build reads the state up to: every document as stored, whatever its business times. */
const everything = '2299-12-31 00:00:00.000';

/** Writes generation `generation`'s documents: every document as receivables_state holds it, with its key. */
export function keptReceivableDocumentsBuildSql(generation: string): ChSql {
  return chSql`INSERT INTO receivable_documents (generation, key, ${documentColumns})
    SELECT ${p.uint64(generation)}, ${invoiceKey}, ${documentColumns} FROM ${receivablesDocumentsSql({ now: everything, current: true })}`;
}

/** Writes generation `generation`'s key rows, grouped from its documents. */
export function keptReceivableKeysBuildSql(generation: string): ChSql {
  const documents = chSql`(SELECT ${documentColumns} FROM receivable_documents WHERE generation = ${p.uint64(generation)})`;
  return chSql`INSERT INTO receivable_keys (generation, ${keyColumns})
    SELECT ${p.uint64(generation)}, ${keyColumns} FROM ${invoiceKeysSql(documents)}`;
}
