// What the timeline shows for a set of documents of one entity: their events and the spans
// that carried them, from the lookup tables of migration 0011 by primary key.
//
// The plain reads return rows as stored (every delivery; the reader keeps each (source, id)
// and (trace_id, span_id) once), at most `limit`: for the few dozen rows of a document and
// its neighbours a plain read is the cheapest statement, and the reader summarises them
// (server/documents/timeline-rows.ts). When there are more, the bounded statements do the
// work in the engine: each list cut at its limit, one summary per document.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { isOneOf, type DocumentKey } from './document-timeline-links.sql.ts';

export interface DocumentEventRow {
  document_type: string;
  document_id: string;
  source: string;
  id: string;
  type: string;
  time: string;
  received_at: string;
  amount: string | null;
  currency: string;
  counterparty_id: string;
  counterparty_name: string;
  data: string;
}

export interface DocumentSpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string;
  name: string;
  service_name: string;
  flow: string;
  status_code: string;
  status_message: string;
  start_time: string;
  end_time: string;
  duration_ns: string;
  document_id: string;
  /** '' when the span names no entity or no document type. */
  entity: string;
  document_type: string;
  received_at: string;
}

export interface TimelineEventRow {
  source: string;
  id: string;
  type: string;
  time: string;
  received_at: string;
  entity: string;
  document_type: string;
  document_id: string;
  amount: string | null;
  currency: string;
  data: string;
}

export interface DocumentSummaryRow extends DocumentKey {
  stage: string;
  amount: string | null;
  currency: string;
  counterparty_id: string;
  counterparty_name: string;
}

/** A span as the bounded statement returns it: its duration already in ms, no keys but the document id. */
export type TimelineSpanRow = Omit<DocumentSpanRow, 'duration_ns' | 'entity' | 'document_type' | 'received_at'> & { duration_ms: number };

const unique = (values: string[]) => [...new Set(values)];
// Qualified where a SELECT alias of the same name (toString(time) AS time) would shadow the column.
const known = (asOf: string | undefined, column: ChSql) => (asOf === undefined ? chSql`` : chSql`AND ${column} <= ${p.dateTime64(asOf)}`);

/**
 * Events of the entity's documents `keys` up to asOf, and of every document whose id is one
 * of `anyTypeIds`, whatever its type and whenever: whether such a document exists at all is
 * part of the answer. At most `limit` rows, as stored.
 */
export function documentEventRowsSql(entity: string, keys: DocumentKey[], anyTypeIds: string[], asOf: string | undefined, limit: number): ChSql {
  const types = p.strings(keys.map((k) => k.document_type));
  const ids = p.strings(keys.map((k) => k.document_id));
  const anyType = p.strings(anyTypeIds);
  // One IN set for the primary key (a binary search); the exact choice after it.
  return chSql`
    SELECT document_type, document_id, source, id, type, toString(time) AS time, toString(received_at) AS received_at,
           toString(amount) AS amount, currency, counterparty_id, counterparty_name, data
    FROM document_events
    WHERE entity = ${p.string(entity)} AND document_id IN ${p.strings(unique([...keys.map((k) => k.document_id), ...anyTypeIds]))}
      AND ((has(arrayZip(${types}, ${ids}), (document_type, document_id)) ${known(asOf, chSql`document_events.time`)}) OR has(${anyType}, document_id))
    LIMIT ${p.uint32(limit)}`;
}

/**
 * Spans naming one of `ids` and the entity or no entity, up to asOf; the reader checks the
 * document type. At most `limit` rows, as stored.
 */
export function documentSpanRowsSql(entity: string, ids: string[], asOf: string | undefined, limit: number): ChSql {
  return chSql`
    SELECT trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
           toString(start_time) AS start_time, toString(end_time) AS end_time, toString(duration_ns) AS duration_ns,
           document_id, entity, document_type, toString(received_at) AS received_at
    FROM document_spans
    WHERE document_id IN ${p.strings(unique(ids))} AND entity IN ('', ${p.string(entity)}) ${known(asOf, chSql`document_spans.start_time`)}
    LIMIT ${p.uint32(limit)}`;
}

/** Bounded: the documents' events by business time, each (source, id) once (its first delivery). */
export function timelineEventsSql(keys: DocumentKey[], asOf: string | undefined, limit: number): ChSql {
  return chSql`
    SELECT source, id, type, toString(event_time) AS time, toString(first_received) AS received_at, entity, document_type, document_id,
           toString(event_amount) AS amount, currency, data
    FROM (SELECT source, id, type, time AS event_time, received_at AS first_received, entity, document_type, document_id,
                 amount AS event_amount, currency, data
          FROM document_events
          WHERE ${isOneOf(keys, chSql`entity`, chSql`document_type`, chSql`document_id`)} ${known(asOf, chSql`time`)}
          ORDER BY time, source, id, received_at
          LIMIT 1 BY source, id
          LIMIT ${p.uint32(limit)})
    ORDER BY event_time, source, id`;
}

/** Bounded: each document as it stood at asOf — the latest event by (time, source, id) gives the stage. */
export function documentSummariesSql(keys: DocumentKey[], asOf: string | undefined): ChSql {
  return chSql`
    SELECT entity, document_type, document_id,
           argMax(type, (time, source, id)) AS stage,
           toString(argMax(amount, (time, source, id))) AS amount,
           argMaxIf(currency, (time, source, id), currency != '') AS currency,
           argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
           argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name
    FROM document_events
    WHERE ${isOneOf(keys, chSql`entity`, chSql`document_type`, chSql`document_id`)} ${known(asOf, chSql`time`)}
    GROUP BY entity, document_type, document_id`;
}

/** Bounded: one document's stage changes, (type, time) of each event in business-time order. */
export function stageEventsSql(key: DocumentKey, asOf: string | undefined, limit: number): ChSql {
  return chSql`
    SELECT type, toString(event_time) AS time
    FROM (SELECT type, time AS event_time, source, id FROM document_events
          WHERE ${isOneOf([key], chSql`entity`, chSql`document_type`, chSql`document_id`)} ${known(asOf, chSql`time`)}
          ORDER BY time, source, id
          LIMIT 1 BY source, id
          LIMIT ${p.uint32(limit)})
    ORDER BY event_time, source, id`;
}

/**
 * Bounded: spans whose document_id is one of the documents'. A span names a document by id
 * alone; when it also names an entity or a document type, they must agree.
 */
export function timelineSpansSql(keys: DocumentKey[], asOf: string | undefined, limit: number): ChSql {
  const entities = p.strings(keys.map((k) => k.entity));
  const types = p.strings(keys.map((k) => k.document_type));
  const ids = p.strings(keys.map((k) => k.document_id));
  return chSql`
    SELECT trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
           toString(span_start) AS start_time, toString(span_end) AS end_time, duration_ns / 1e6 AS duration_ms, document_id
    FROM (SELECT trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
                 start_time AS span_start, end_time AS span_end, duration_ns, document_id
          FROM document_spans
          WHERE document_id IN ${ids}
            AND arrayExists((e, t, d) -> d = document_id AND (entity = '' OR entity = e) AND (document_type = '' OR document_type = t),
                            ${entities}, ${types}, ${ids})
            ${known(asOf, chSql`start_time`)}
          ORDER BY start_time, trace_id, span_id, received_at
          LIMIT 1 BY trace_id, span_id
          LIMIT ${p.uint32(limit)})
    ORDER BY span_start, trace_id, span_id`;
}
