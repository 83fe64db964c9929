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

export type SnapshottedState = 'document_state' | 'settlement_state' | 'payment_confirmation_state' | 'receivables_state' | 'invoice_capture_state';

export interface StateTable {
  state: ChSql;
  snapshot: ChSql;
  snapshotName: string;
  /** The latest registration: a scalar subquery (generation, base_generation, watermark). */
  latest: ChSql;
  /** The state table's ORDER BY key, as a tuple: one snapshot row per key. */
  key: ChSql;
}

/** A fixed identifier of this module's (never a value from outside) as a fragment. */
const ident = (name: string): ChSql => ({ kind: 'sql', parts: [name], values: [] });

function stateTable(name: SnapshottedState, key: ChSql): StateTable {
  return {
    state: ident(name),
    snapshot: ident(`${name}_snapshot`),
    snapshotName: `${name}_snapshot`,
    latest: ident(`(SELECT argMax((generation, base_generation, watermark), generation) FROM state_snapshots WHERE state_table = '${name}')`),
    key,
  };
}

/** Per state table: its name, its snapshot table's name, its latest registration and its key. */
export const stateTables: Record<SnapshottedState, StateTable> = {
  document_state: stateTable('document_state', chSql`(entity, document_type, document_id)`),
  settlement_state: stateTable('settlement_state', chSql`(entity, document_type, document_id)`),
  payment_confirmation_state: stateTable('payment_confirmation_state', chSql`(entity, document_id)`),
  receivables_state: stateTable('receivables_state', chSql`(entity, document_type, document_id)`),
  invoice_capture_state: stateTable('invoice_capture_state', chSql`(entity, document_id, source)`),
};

/** Every snapshotted state, in the order the loop keeps them. */
export const snapshottedStates = Object.keys(stateTables) as SnapshottedState[];

const keyOf = (state: SnapshottedState): ChSql => stateTables[state].key;
const keyHashOf = (state: SnapshottedState): ChSql => chSql`cityHash64${stateTables[state].key}`;

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
  return { keys: chSql`(SELECT ${keyOf(state)} ${from})`, hashes: chSql`(SELECT ${keyHashOf(state)} ${from})` };
}

/**
 * A snapshot row's key is one of a set given as (keys, hashes): the hash decides — the row's
 * stored key_hash (0021_snapshot_key_hashes.sql), so no key is hashed while reading — and the
 * key confirms, for the rows whose hash is in the set only.
 */
const among = (state: SnapshottedState, set: { keys: ChSql; hashes: ChSql }): ChSql =>
  chSql`if(key_hash IN ${set.hashes}, ${keyOf(state)} IN ${set.keys}, 0)`;

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
    keys: chSql`(SELECT ${t.key} FROM ${t.snapshot} WHERE generation = ${overlay} AND ${keys})`,
    hashes: chSql`(SELECT key_hash FROM ${t.snapshot} WHERE generation = ${overlay} AND ${keys})`,
  };
  const layer = chSql`((generation = ${baseGeneration(state)} AND NOT ${among(state, overlayKeys)}) OR generation = ${overlay})`;
  const snapshotWhere = join([chSql`generation IN (${baseGeneration(state)}, ${overlay})`, ...q.keys, ...(q.among ?? []), layer, chSql`NOT ${among(state, changed)}`, ...q.snapshotWhere], ' AND ');
  const mergedWhere = join([keys, ...(q.among ?? []), chSql`${t.key} IN ${changed.keys}`], ' AND ');
  const having = q.having.length ? chSql`HAVING ${join(q.having, ' AND ')}` : chSql``;
  // force_enable: the key confirms only where the hash matched (the engine's default would
  // compare every row's key with the set — most of the snapshot half's time)
  return chSql`(SELECT ${q.snapshotColumns} FROM ${t.snapshot} WHERE ${snapshotWhere}
    SETTINGS short_circuit_function_evaluation = 'force_enable'
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
