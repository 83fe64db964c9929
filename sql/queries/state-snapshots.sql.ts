// Reading a state table "now" through its snapshot (sql/clickhouse/0010_state_snapshots.sql):
// the documents of the base generation that changed neither in the overlay nor since, the
// overlay's documents that did not change since, and the state merged afresh for the few
// that changed since the latest generation (state rows written after its watermark). Every
// document comes from exactly one of the three, so the answer is the plain merge's, exactly.
// The halves' columns are the callers' (they know them); this module gives them the rest.
//
// The latest registration is one scalar subquery — (generation, base_generation, watermark)
// — spelled the same everywhere in a statement (no parameters), so the engine evaluates it
// once, one statement reads one consistent snapshot, and other generations' partitions are
// pruned. With no snapshot yet it is (0, 0, 1970): nothing is read from the snapshot and every
// document counts as changed — the plain merge of the state.
//
// Set membership goes by a 64-bit hash of the key first (a cheap set of numbers), and by the
// key itself only where the hash is in the set, so a hash collision costs a lookup, never a row.
import { chSql, join, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { counterpartyKey } from './payment-matching-documents.sql.ts';

export type SnapshottedState = 'document_state' | 'settlement_state';

/** Per state table: its name, its snapshot table's name, and its latest registration (a scalar subquery). */
export const stateTables: Record<SnapshottedState, { state: ChSql; snapshot: ChSql; snapshotName: string; latest: ChSql }> = {
  document_state: {
    state: chSql`document_state`,
    snapshot: chSql`document_state_snapshot`,
    snapshotName: 'document_state_snapshot',
    latest: chSql`(SELECT argMax((generation, base_generation, watermark), generation) FROM state_snapshots WHERE state_table = 'document_state')`,
  },
  settlement_state: {
    state: chSql`settlement_state`,
    snapshot: chSql`settlement_state_snapshot`,
    snapshotName: 'settlement_state_snapshot',
    latest: chSql`(SELECT argMax((generation, base_generation, watermark), generation) FROM state_snapshots WHERE state_table = 'settlement_state')`,
  },
};

const key = chSql`(entity, document_type, document_id)`;
const keyHash = chSql`cityHash64(entity, document_type, document_id)`;

/** The base generation read now (0: no snapshot). */
const baseGeneration = (state: SnapshottedState): ChSql => chSql`tupleElement(${stateTables[state].latest}, 2)`;
/** The overlay generation read now (0: none; a base names itself as its base). */
const overlayGeneration = (state: SnapshottedState): ChSql =>
  chSql`if(tupleElement(${stateTables[state].latest}, 1) = ${baseGeneration(state)}, 0, tupleElement(${stateTables[state].latest}, 1))`;

/** A condition on the state table's rows: written after the latest generation's watermark (or no snapshot). */
export const writtenSinceSnapshot = (state: SnapshottedState): ChSql =>
  chSql`(${baseGeneration(state)} = 0 OR inserted_at > tupleElement(${stateTables[state].latest}, 3))`;

/** Keys and key hashes of the documents changed since the latest generation, among `where`. */
function changedSql(state: SnapshottedState, where: ChSql): { keys: ChSql; hashes: ChSql } {
  const from = chSql`FROM ${stateTables[state].state} WHERE ${writtenSinceSnapshot(state)} AND ${where}`;
  return { keys: chSql`(SELECT entity, document_type, document_id ${from})`, hashes: chSql`(SELECT ${keyHash} ${from})` };
}

/** `key` is one of a set given as (keys, hashes): the hash decides, the key confirms. */
const among = (set: { keys: ChSql; hashes: ChSql }): ChSql => chSql`(${keyHash} IN ${set.hashes} AND ${key} IN ${set.keys})`;

export interface ThroughSnapshot {
  /** Cheap conditions on the key columns (entity, document_type, document_id): both halves and the changed keys. */
  keys: ChSql[];
  /** Further key conditions for both halves, left out of the changed keys (e.g. IN a costly subquery, evaluated once). */
  among?: ChSql[];
  /** The snapshot half: its select list and row conditions (the state's HAVING, on plain columns). */
  snapshotColumns: ChSql;
  snapshotWhere: ChSql[];
  /** The merged half: its select list, GROUP BY and HAVING. */
  mergedColumns: ChSql;
  groupBy: ChSql;
  having: ChSql[];
}

/** A subquery: the state's documents now — from the snapshot where unchanged, merged where changed. */
export function throughSnapshotSql(state: SnapshottedState, q: ThroughSnapshot): ChSql {
  const t = stateTables[state];
  const keys = join([chSql`1`, ...q.keys], ' AND ');
  const changed = changedSql(state, keys);
  const overlay = overlayGeneration(state);
  const overlayKeys = {
    keys: chSql`(SELECT entity, document_type, document_id FROM ${t.snapshot} WHERE generation = ${overlay} AND ${keys})`,
    hashes: chSql`(SELECT ${keyHash} FROM ${t.snapshot} WHERE generation = ${overlay} AND ${keys})`,
  };
  const layer = chSql`((generation = ${baseGeneration(state)} AND NOT ${among(overlayKeys)}) OR generation = ${overlay})`;
  const snapshotWhere = join([chSql`generation IN (${baseGeneration(state)}, ${overlay})`, ...q.keys, ...(q.among ?? []), layer, chSql`NOT ${among(changed)}`, ...q.snapshotWhere], ' AND ');
  const mergedWhere = join([keys, ...(q.among ?? []), chSql`${key} IN ${changed.keys}`], ' AND ');
  const having = q.having.length ? chSql`HAVING ${join(q.having, ' AND ')}` : chSql``;
  return chSql`(SELECT ${q.snapshotColumns} FROM ${t.snapshot} WHERE ${snapshotWhere}
    UNION ALL
    SELECT ${q.mergedColumns} FROM ${t.state} WHERE ${mergedWhere}
    GROUP BY ${q.groupBy} ${having})`;
}

/** The latest registration: generation, its base, watermark (all '0' / 1970 when none). */
export function latestSnapshotSql(state: SnapshottedState): ChSql {
  const latest = stateTables[state].latest;
  return chSql`SELECT toString(tupleElement(${latest}, 1)) AS generation, toString(tupleElement(${latest}, 2)) AS base_generation,
    toString(tupleElement(${latest}, 3)) AS watermark`;
}

/**
 * Writes generation `generation` of document_state_snapshot: every document merged (a base), or
 * only those with state rows written after `since` (an overlay on the base of that watermark).
 */
export function buildDocumentSnapshotSql(generation: ChSql, since?: ChSql): ChSql {
  return chSql`INSERT INTO document_state_snapshot
    (generation, document_type, stage, entity, document_id, stage_entered_at, first_event_at, last_received_at,
     amount, currency, counterparty_id, counterparty_name, correlation_id, reference, sources)
    SELECT ${generation}, document_type, argMaxMerge(stage), entity, document_id, max(stage_entered_at), min(first_event_at),
           max(last_received_at), argMaxMerge(amount), argMaxMerge(currency), argMaxMerge(counterparty_id),
           argMaxMerge(counterparty_name), argMaxMerge(correlation_id), argMaxMerge(reference), groupUniqArrayArray(sources)
    FROM document_state ${since === undefined ? chSql`` : chSql`WHERE ${key} IN (SELECT entity, document_type, document_id FROM document_state WHERE inserted_at > ${since})`}
    GROUP BY entity, document_type, document_id`;
}

/** Writes generation `generation` of settlement_state_snapshot: as buildDocumentSnapshotSql, for payments, receipts and bank entries. */
export function buildSettlementSnapshotSql(generation: ChSql, since?: ChSql): ChSql {
  return chSql`INSERT INTO settlement_state_snapshot
    (generation, document_type, entity, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id,
     reference, end_to_end_id, credit_debit, value_date, remittance, stage, types, released_at, received_at, last_time, sources, counterparty_key,
     cash_at)
    SELECT ${generation}, document_type, entity, document_id, argMaxMerge(amount), argMaxMerge(currency), argMaxMerge(counterparty_id),
           argMaxMerge(counterparty_name) AS name, argMaxMerge(correlation_id), argMaxMerge(reference), argMaxMerge(end_to_end_id),
           argMaxMerge(credit_debit), argMaxMerge(value_date), argMaxMerge(remittance), argMaxMerge(stage),
           groupUniqArrayArray(types), max(released_at), max(received_at), max(last_time), groupUniqArrayArray(sources),
           ${counterpartyKey(chSql`name`)}, max(cash_at)
    FROM settlement_state ${since === undefined ? chSql`` : chSql`WHERE ${key} IN (SELECT entity, document_type, document_id FROM settlement_state WHERE inserted_at > ${since})`}
    GROUP BY entity, document_type, document_id`;
}
