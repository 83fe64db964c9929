// The documents behind every metric, as they stood at a moment: from the incrementally kept
// document_state when the moment is now, or recomputed from the events whose business time
// is not after asOf — a reproducible "as of" view (late-arriving events with an earlier
// business time are included once they arrive, as a close restatement would).
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

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

const eventColumns = chSql`
  entity, document_type, document_id,
  argMax(type, (time, source, id)) AS stage,
  max(time) AS stage_entered_at,
  argMax(amount, (time, source, id)) AS amount,
  argMaxIf(currency, (time, source, id), currency != '') AS currency,
  argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
  argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
  groupUniqArray(source) AS sources`;

function keyConditions(filter: DocumentFilter): ChSql[] {
  const c: ChSql[] = [];
  if (filter.entities?.length) c.push(chSql`entity IN ${p.strings(filter.entities)}`);
  if (filter.documentTypes?.length) c.push(chSql`document_type IN ${p.strings(filter.documentTypes)}`);
  return c;
}

function stateConditions(filter: DocumentFilter): ChSql[] {
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
 * currentDocumentsSql restricted to the documents whose (entity, document_type, document_id)
 * is in `keys` (a subquery with those three columns): for metrics that first narrow the
 * documents down cheaply (documentStagesSql) and only then merge every attribute.
 */
export function currentDocumentsAmongSql(filter: DocumentFilter, keys: ChSql): ChSql {
  return documentsSql(filter, [chSql`(entity, document_type, document_id) IN (${keys})`]);
}

/**
 * The cheap part of currentDocumentsSql: each document's key, current stage and when it
 * entered it — no other attribute is merged, and only the key filters (entities, document
 * types) apply, so the state filters (currency, counterparty, source system) are left to
 * currentDocumentsAmongSql. `documentTypes` is always applied (an empty list matches nothing);
 * `having` narrows on stage / stage_entered_at.
 */
export function documentStagesSql(filter: DocumentFilter, documentTypes: string[], having: ChSql): ChSql {
  const where = [...keyConditions({ entities: filter.entities }), chSql`document_type IN ${p.strings(documentTypes)}`];
  if (filter.asOf === undefined) {
    return chSql`(SELECT entity, document_type, document_id, argMaxMerge(stage) AS stage, max(stage_entered_at) AS stage_entered_at
      FROM document_state WHERE ${join(where, ' AND ')}
      GROUP BY entity, document_type, document_id HAVING ${having})`;
  }
  const known = [...where, chSql`time <= ${p.dateTime64(filter.asOf)}`];
  return chSql`(SELECT entity, document_type, document_id, argMax(type, (time, source, id)) AS stage, max(time) AS stage_entered_at
    FROM (SELECT entity, document_type, document_id, type, time, source, id FROM finance_events WHERE ${join(known, ' AND ')} LIMIT 1 BY source, id)
    GROUP BY entity, document_type, document_id HAVING ${having})`;
}

function documentsSql(filter: DocumentFilter, extraWhere: ChSql[]): ChSql {
  const where = [...keyConditions(filter), ...extraWhere];
  const having = stateConditions(filter);
  const havingSql = having.length ? chSql`HAVING ${join(having, ' AND ')}` : chSql``;
  if (filter.asOf === undefined) {
    return chSql`(SELECT ${stateColumns} FROM document_state ${where.length ? chSql`WHERE ${join(where, ' AND ')}` : chSql``}
      GROUP BY entity, document_type, document_id ${havingSql})`;
  }
  const asOf = p.dateTime64(filter.asOf);
  const known = [...where, chSql`time <= ${asOf}`];
  return chSql`(SELECT ${eventColumns} FROM (SELECT * FROM finance_events WHERE ${join(known, ' AND ')} LIMIT 1 BY source, id)
    GROUP BY entity, document_type, document_id ${havingSql})`;
}
