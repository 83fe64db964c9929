// Duplicate payment risk "now" from a kept generation (sql/clickhouse/0022_kept_duplicate_pairs.sql):
// the rules are duplicate-invoice-pairs.sql.ts's; this module only changes where the pairs
// come from.
//
//   changed   the invoices with invoice_capture_state rows written after the generation's
//             watermark, and those with an event dated after now (their answer is their
//             events up to now, which the kept rows do not tell).
//   touched   the groups (entity, supplier, currency, amount) of the changed invoices'
//             captures now, and of the kept pairs one of them is in.
//   pairs     the kept pairs outside the touched groups, as they are; in the touched groups,
//             the kept captures of the unchanged invoices with the changed invoices'
//             captures now, paired again.
// An unchanged invoice's captures and payment inputs are what the state says now, so pairs
// among unchanged invoices of an untouched group are exactly the recomputed ones; every pair
// with a changed invoice lies in a touched group.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { KeptGenerationMark } from './document-keys.sql.ts';
import {
  capturesOfRowsSql, foundPairColumns, pairRowsSql, pairsOfCapturesSql, rowsFromStateSql, rowsOfInvoicesSql,
  type DuplicateQuery, type PairingSettings,
} from './duplicate-invoice-pairs.sql.ts';

/** The columns of a kept capture (duplicate_captures), in capturesOfRowsSql's order. */
const captureColumns = chSql`entity, counterparty_id, currency, amount, document_id, source, counterparty_name, reference, reference_key,
  received_at, sources, scheduled, paid_at`;

/** The settings as registered with a generation: a read under other settings cannot use it. */
export const pairingSettingsKey = (s: PairingSettings): string => JSON.stringify({ windowDays: s.windowDays, maxDistance: s.maxDistance });

/** The invoices changed since a kept generation, as changedInvoicesSql finds them. */
export interface ChangedInvoices {
  entities: string[];
  documentIds: string[];
  /** Per invoice: 1 when it has an event dated after now. */
  later: number[];
}

/**
 * The invoices changed since generation `kept` (state rows written after its watermark) and
 * those with an event dated after now; at most `limit` (a read finding more recomputes all).
 */
export function changedInvoicesSql(q: DuplicateQuery, kept: KeptGenerationMark, limit: number): ChSql {
  const now = p.dateTime64(q.now);
  const entities = q.entities?.length ? [chSql`entity IN ${p.strings(q.entities)}`] : [];
  return chSql`SELECT groupArray(entity) AS entities, groupArray(document_id) AS documentIds, groupArray(later) AS later FROM (
      SELECT entity, document_id, max(last_time > ${now}) AS later FROM invoice_capture_state
      WHERE ${join([chSql`(inserted_at > ${p.dateTime64(kept.watermark)} OR last_time > ${now})`, ...entities], ' AND ')}
      GROUP BY entity, document_id
      LIMIT ${p.uint32(limit)})`;
}

/** The changed invoices as a subquery (entity, document_id); `pick` chooses among them. */
function invoicesSql(changed: ChangedInvoices, pick: (i: number) => boolean = () => true): ChSql {
  const at = changed.entities.map((_, i) => i).filter(pick);
  return chSql`SELECT tupleElement(t, 1) AS entity, tupleElement(t, 2) AS document_id
    FROM (SELECT arrayJoin(arrayZip(${p.strings(at.map((i) => changed.entities[i]!))}, ${p.strings(at.map((i) => changed.documentIds[i]!))})) AS t)`;
}

/** The changed invoices' captures now (capturesOfRowsSql's columns). */
function freshCapturesSql(q: DuplicateQuery, changed: ChangedInvoices): ChSql {
  const later = changed.later.some((l) => l === 1) ? invoicesSql(changed, (i) => changed.later[i] === 1) : undefined;
  return capturesOfRowsSql(rowsOfInvoicesSql(p.dateTime64(q.now), invoicesSql(changed, (i) => changed.later[i] !== 1), later));
}

const keptPairsSql = (q: DuplicateQuery, kept: KeptGenerationMark): ChSql => {
  const entities = q.entities?.length ? [chSql`entity IN ${p.strings(q.entities)}`] : [];
  return chSql`(SELECT ${foundPairColumns} FROM duplicate_pairs WHERE ${join([chSql`generation = ${p.uint64(kept.generation)}`, ...entities], ' AND ')})`;
};

const group = chSql`(entity, counterparty_id, currency, amount)`;

/** The groups (entity, supplier, currency, amount) the changed invoices touch, as touchedGroupsSql finds them. */
export interface TouchedGroups {
  entities: string[];
  counterpartyIds: string[];
  currencies: string[];
  /** Exact decimals, as text. */
  amounts: string[];
}

/** The groups of the changed invoices' captures now and of the kept pairs one of them is in. */
export function touchedGroupsSql(q: DuplicateQuery, kept: KeptGenerationMark, changed: ChangedInvoices): ChSql {
  const all = invoicesSql(changed);
  return chSql`SELECT groupArray(entity) AS entities, groupArray(counterparty_id) AS counterpartyIds, groupArray(currency) AS currencies,
      groupArray(toString(amount)) AS amounts FROM (
    SELECT entity, counterparty_id, currency, amount FROM ${freshCapturesSql(q, changed)}
    UNION DISTINCT
    SELECT entity, counterparty_id, currency, amount FROM ${keptPairsSql(q, kept)}
    WHERE (entity, invoice_a) IN (${all}) OR (entity, invoice_b) IN (${all}))`;
}

/**
 * One row per candidate pair now, with the common metric filters applied: the pairs of kept
 * generation `kept`, except in the groups `touched` by the invoices `changed` since it, which
 * are paired again — the kept captures of their unchanged invoices with the changed
 * invoices' captures now. The changed invoices and the touched groups are found first
 * (changedInvoicesSql, touchedGroupsSql) and named here as values: planning a statement that
 * found them itself took longer than running it.
 */
export function keptDuplicateInvoicePairsSql(q: DuplicateQuery, kept: KeptGenerationMark, changed?: ChangedInvoices, touched?: TouchedGroups): ChSql {
  const keptPairs = keptPairsSql(q, kept);
  if (!changed?.entities.length || !touched) return pairRowsSql(keptPairs, q);
  const groups = chSql`(SELECT arrayJoin(arrayZip(${p.strings(touched.entities)}, ${p.strings(touched.counterpartyIds)}, ${p.strings(touched.currencies)},
    arrayMap(a -> toDecimal128(a, 4), ${p.strings(touched.amounts)}))))`;
  const entities = q.entities?.length ? [chSql`entity IN ${p.strings(q.entities)}`] : [];
  const members = chSql`(SELECT ${captureColumns} FROM duplicate_captures
      WHERE ${join([chSql`generation = ${p.uint64(kept.generation)}`, chSql`${group} IN ${groups}`, chSql`(entity, document_id) NOT IN (${invoicesSql(changed)})`, ...entities], ' AND ')}
    UNION ALL
    SELECT ${captureColumns} FROM ${freshCapturesSql(q, changed)})`;
  return pairRowsSql(chSql`(SELECT ${foundPairColumns} FROM ${keptPairs} WHERE ${group} NOT IN ${groups}
    UNION ALL
    SELECT ${foundPairColumns} FROM ${pairsOfCapturesSql(members, q)})`, q);
}

/** Writes generation `generation`'s captures: every live capture as the state holds it now. */
export function keptCapturesBuildSql(generation: string): ChSql {
  return chSql`INSERT INTO duplicate_captures (generation, ${captureColumns})
    SELECT ${p.uint64(generation)}, ${captureColumns} FROM ${capturesOfRowsSql(rowsFromStateSql({}))}`;
}

/** Writes generation `generation`'s pairs, found among its captures under `settings`. */
export function keptPairsBuildSql(generation: string, settings: PairingSettings): ChSql {
  const g = p.uint64(generation);
  // (a group of one capture holds no pair: only the others are put together)
  const captures = chSql`(SELECT ${captureColumns} FROM duplicate_captures WHERE generation = ${g} AND ${group} IN (
      SELECT entity, counterparty_id, currency, amount FROM duplicate_captures WHERE generation = ${g}
      GROUP BY entity, counterparty_id, currency, amount HAVING count() > 1))`;
  return chSql`INSERT INTO duplicate_pairs (generation, ${foundPairColumns})
    SELECT ${g}, ${foundPairColumns} FROM ${pairsOfCapturesSql(captures, settings)}`;
}
