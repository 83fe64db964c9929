// What the timeline shows for a set of documents: their events (each delivery once), a
// summary per document as it stood at a moment, and the spans that carried them.
//
// Bounded reads: events and summaries read finance_events by document_id IN ids, so the
// idx_document bloom filter skips every block of 4 granules without one of the ids (no time
// range is known, so partitions cannot be pruned; the index is what keeps this off a full
// scan). Spans likewise through their idx_document. Every list has a LIMIT.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { isOneOf, keyParams, type DocumentKey } from './document-timeline-links.sql.ts';

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

export interface TimelineSpanRow {
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
  duration_ms: number;
  document_id: string;
}

const ofKeys = (keys: DocumentKey[]) => isOneOf(keys, chSql`entity`, chSql`document_type`, chSql`document_id`);
const known = (asOf: string | undefined, column: ChSql) => (asOf === undefined ? chSql`` : chSql`AND ${column} <= ${p.dateTime64(asOf)}`);

/** The documents' events by business time, each (source, id) once (its first delivery). */
export function timelineEventsSql(keys: DocumentKey[], asOf: string | undefined, limit: number): ChSql {
  return chSql`
    SELECT source, id, type, toString(event_time) AS time, toString(first_received) AS received_at, entity, document_type, document_id,
           toString(event_amount) AS amount, currency, data
    FROM (SELECT source, id, type, time AS event_time, received_at AS first_received, entity, document_type, document_id,
                 amount AS event_amount, currency, data
          FROM finance_events
          WHERE ${ofKeys(keys)} ${known(asOf, chSql`time`)}
          ORDER BY time, source, id, received_at
          LIMIT 1 BY source, id
          LIMIT ${p.uint32(limit)})
    ORDER BY event_time, source, id`;
}

/** Each document as it stood at asOf: the latest event by (time, source, id) gives the stage. */
export function documentSummariesSql(keys: DocumentKey[], asOf: string | undefined): ChSql {
  return chSql`
    SELECT entity, document_type, document_id,
           argMax(type, (time, source, id)) AS stage,
           toString(argMax(amount, (time, source, id))) AS amount,
           argMaxIf(currency, (time, source, id), currency != '') AS currency,
           argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
           argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name
    FROM finance_events
    WHERE ${ofKeys(keys)} ${known(asOf, chSql`time`)}
    GROUP BY entity, document_type, document_id`;
}

/** One document's stage changes: (type, time) of each event in business-time order. */
export function stageEventsSql(key: DocumentKey, asOf: string | undefined, limit: number): ChSql {
  return chSql`
    SELECT type, toString(event_time) AS time
    FROM (SELECT type, time AS event_time, source, id FROM finance_events
          WHERE ${ofKeys([key])} ${known(asOf, chSql`time`)}
          ORDER BY time, source, id
          LIMIT 1 BY source, id
          LIMIT ${p.uint32(limit)})
    ORDER BY event_time, source, id`;
}

/**
 * Spans whose document_id is one of the documents'. A span names a document by id alone;
 * when it also names an entity or a document type, they must agree.
 */
export function timelineSpansSql(keys: DocumentKey[], asOf: string | undefined, limit: number): ChSql {
  const k = keyParams(keys);
  return chSql`
    SELECT trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
           toString(span_start) AS start_time, toString(span_end) AS end_time, duration_ns / 1e6 AS duration_ms, document_id
    FROM (SELECT trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
                 start_time AS span_start, end_time AS span_end, duration_ns, document_id
          FROM spans
          WHERE document_id IN ${k.ids}
            AND arrayExists((e, t, d) -> d = document_id AND (entity = '' OR entity = e) AND (document_type = '' OR document_type = t),
                            ${k.entities}, ${k.types}, ${k.ids})
            ${known(asOf, chSql`start_time`)}
          ORDER BY start_time, trace_id, span_id, received_at
          LIMIT 1 BY trace_id, span_id
          LIMIT ${p.uint32(limit)})
    ORDER BY span_start, trace_id, span_id`;
}
