// Current state of documents: from the incrementally kept document_state table (lists,
// filtered and paged), or for one document from its own event rows (document_events,
// migration 0011: a primary-key read of a few rows, summarised by the reader, is cheaper
// than merging the aggregate states).
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface DocumentStateFilter {
  entity?: string;
  documentType?: string;
  documentId?: string;
  stage?: string;
}

export interface DocumentStateRow {
  entity: string;
  document_type: string;
  document_id: string;
  stage: string;
  stage_entered_at: string;
  first_event_at: string;
  last_received_at: string;
  amount: string | null;
  currency: string;
  counterparty_id: string;
  counterparty_name: string;
  correlation_id: string;
  reference: string;
  sources: string[];
  events: string;
}

export function documentStateSql(filter: DocumentStateFilter, page: { limit: number; offset: number }): ChSql {
  const where: ChSql[] = [];
  if (filter.entity !== undefined) where.push(chSql`entity = ${p.string(filter.entity)}`);
  if (filter.documentType !== undefined) where.push(chSql`document_type = ${p.string(filter.documentType)}`);
  if (filter.documentId !== undefined) where.push(chSql`document_id = ${p.string(filter.documentId)}`);
  const having = filter.stage !== undefined ? chSql`HAVING stage = ${p.string(filter.stage)}` : chSql``;
  return chSql`
    SELECT
      entity, document_type, document_id,
      argMaxMerge(stage) AS stage,
      toString(max(stage_entered_at)) AS stage_entered_at,
      toString(min(first_event_at)) AS first_event_at,
      toString(max(last_received_at)) AS last_received_at,
      toString(argMaxMerge(amount)) AS amount,
      argMaxMerge(currency) AS currency,
      argMaxMerge(counterparty_id) AS counterparty_id,
      argMaxMerge(counterparty_name) AS counterparty_name,
      argMaxMerge(correlation_id) AS correlation_id,
      argMaxMerge(reference) AS reference,
      groupUniqArrayArray(sources) AS sources,
      toString(uniqExactMerge(events)) AS events
    FROM document_state
    ${where.length ? chSql`WHERE ${join(where, ' AND ')}` : chSql``}
    GROUP BY entity, document_type, document_id
    ${having}
    ORDER BY entity, document_type, document_id
    LIMIT ${p.uint32(page.limit)} OFFSET ${p.uint64(page.offset)}`;
}

export interface DocumentStateEventRow {
  source: string;
  id: string;
  type: string;
  time: string;
  received_at: string;
  amount: string | null;
  currency: string;
  counterparty_id: string;
  counterparty_name: string;
  correlation_id: string;
  reference: string;
}

/** One document's event rows as stored (every delivery), at most `limit`. */
export function documentStateEventsSql(key: { entity: string; documentType: string; documentId: string }, limit: number): ChSql {
  return chSql`
    SELECT source, id, type, toString(time) AS time, toString(received_at) AS received_at, toString(amount) AS amount,
           currency, counterparty_id, counterparty_name, correlation_id, reference
    FROM document_events
    WHERE entity = ${p.string(key.entity)} AND document_id = ${p.string(key.documentId)} AND document_type = ${p.string(key.documentType)}
    LIMIT ${p.uint32(limit)}`;
}
