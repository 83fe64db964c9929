// The documents behind every metric, as they stood at a moment: from the incrementally kept
// document_state when the moment is now — read through its latest snapshot, merging only the
// documents changed since (state-snapshots.sql.ts) — or recomputed from the events whose
// business time is not after asOf — a reproducible "as of" view (late-arriving events with an
// earlier business time are included once they arrive, as a close restatement would).
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { throughSnapshotSql } from './state-snapshots.sql.ts';

export interface DocumentFilter {
  entities?: string[];
  currencies?: string[];
  counterparty?: string;
  /** A source system (e.g. ap/coupa-eu) that contributed events to the document. */
  sourceSystem?: string;
  documentTypes?: string[];
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC; undefined = now. */
  asOf?: string;
}

const stateColumns = chSql`
  entity, document_type, document_id,
  argMaxMerge(stage) AS stage,
  max(stage_entered_at) AS stage_entered_at,
  argMaxMerge(amount) AS amount,
  argMaxMerge(currency) AS currency,
  argMaxMerge(counterparty_id) AS counterparty_id,
  argMaxMerge(counterparty_name) AS counterparty_name,
  groupUniqArrayArray(sources) AS sources`;

const snapshotColumns = chSql`
  entity, document_type, document_id, stage, stage_entered_at, amount, currency, counterparty_id, counterparty_name, sources`;

/**
 * Documents of document_state as of now, `where` applied to the keys and `having` to the
 * document: through the latest snapshot (state-snapshots.sql.ts).
 */
function throughSnapshot(where: ChSql[], columns: ChSql, snapshotColumnsSql: ChSql, having: ChSql[]): ChSql {
  return throughSnapshotSql('document_state', {
    keys: where,
    snapshotColumns: snapshotColumnsSql,
    snapshotWhere: having,
    mergedColumns: columns,
    groupBy: chSql`entity, document_type, document_id`,
    having,
  });
}

const eventColumns = chSql`
  entity, document_type, document_id,
  argMax(type, (time, source, id)) AS stage,
  max(time) AS stage_entered_at,
  argMax(amount, (time, source, id)) AS amount,
  argMaxIf(currency, (time, source, id), currency != '') AS currency,
  argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
  argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
  groupUniqArray(source) AS sources`;

export function keyConditions(filter: DocumentFilter): ChSql[] {
  const c: ChSql[] = [];
  if (filter.entities?.length) c.push(chSql`entity IN ${p.strings(filter.entities)}`);
  if (filter.documentTypes?.length) c.push(chSql`document_type IN ${p.strings(filter.documentTypes)}`);
  return c;
}

export function stateConditions(filter: DocumentFilter): ChSql[] {
  const c: ChSql[] = [];
  if (filter.currencies?.length) c.push(chSql`currency IN ${p.strings(filter.currencies)}`);
  if (filter.counterparty !== undefined) c.push(chSql`(counterparty_id = ${p.string(filter.counterparty)} OR counterparty_name = ${p.string(filter.counterparty)})`);
  if (filter.sourceSystem !== undefined) c.push(chSql`has(sources, ${p.string(filter.sourceSystem)})`);
  return c;
}

/** A subquery with one row per document: its current stage and latest known attributes. */
export function currentDocumentsSql(filter: DocumentFilter): ChSql {
  return documentsSql(filter, []);
}

/**
 * currentDocumentsSql for the documents of `documentTypes` (an empty list matches nothing)
 * that meet `condition` — on the document's columns (stage, stage_entered_at, …), applied
 * with the filter's state conditions.
 */
export function currentDocumentsWhereSql(filter: DocumentFilter, documentTypes: string[], condition: ChSql): ChSql {
  return documentsSql({ ...filter, documentTypes: undefined }, [chSql`document_type IN ${p.strings(documentTypes)}`], [condition]);
}

/**
 * currentDocumentsWhereSql for the documents `keys` (a subquery of (entity, document_type,
 * document_id)) only, merged from document_state by primary key: for a few documents, cheaper
 * than reading through the snapshot.
 */
export function documentsOfKeysSql(filter: DocumentFilter, keys: ChSql, documentTypes: string[], condition: ChSql): ChSql {
  const where = [...keyConditions({ ...filter, documentTypes: undefined }), chSql`document_type IN ${p.strings(documentTypes)}`,
    chSql`(entity, document_type, document_id) IN (${keys})`];
  return chSql`(SELECT ${stateColumns} FROM document_state WHERE ${join(where, ' AND ')}
    GROUP BY entity, document_type, document_id HAVING ${join([...stateConditions(filter), condition], ' AND ')})`;
}

function documentsSql(filter: DocumentFilter, extraWhere: ChSql[], extraHaving: ChSql[] = []): ChSql {
  const where = [...keyConditions(filter), ...extraWhere];
  const having = [...stateConditions(filter), ...extraHaving];
  const havingSql = having.length ? chSql`HAVING ${join(having, ' AND ')}` : chSql``;
  if (filter.asOf === undefined) return throughSnapshot(where, stateColumns, snapshotColumns, having);
  const asOf = p.dateTime64(filter.asOf);
  const known = [...where, chSql`time <= ${asOf}`];
  return chSql`(SELECT ${eventColumns} FROM (SELECT * FROM finance_events WHERE ${join(known, ' AND ')} LIMIT 1 BY source, id)
    GROUP BY entity, document_type, document_id ${havingSql})`;
}
