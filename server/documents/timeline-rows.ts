// The timeline's lists from event and span rows as stored (several deliveries of one event
// until the engine merges them): the same answers as the bounded statements in
// sql/queries/document-timeline-events.sql.ts, computed here because for a document and its
// neighbours the rows are few.
import type { DocumentEventRow, DocumentSpanRow, DocumentSummaryRow, TimelineEventRow, TimelineSpanRow } from '../../sql/queries/document-timeline-events.sql.ts';
import type { DocumentKey } from '../../sql/queries/document-timeline-links.sql.ts';
import { compareTuples } from './byte-order.ts';
import { latestWith } from './latest-event.ts';

export interface TimelineLists {
  summaries: DocumentSummaryRow[];
  /** By business time, each (source, id) once (its first delivery); at most eventLimit. */
  events: TimelineEventRow[];
  /** The root's (type, time) in business-time order, each (source, id) once; at most stageLimit. */
  stageEvents: { type: string; time: string }[];
  /** By start time, each (trace_id, span_id) once; at most spanLimit. */
  spans: TimelineSpanRow[];
}

const typeAndId = (type: string, id: string) => `${type}\u0000${id}`;
const byEventOrder = (a: DocumentEventRow, b: DocumentEventRow) => compareTuples([a.time, a.source, a.id, a.received_at], [b.time, b.source, b.id, b.received_at]);

/** The first row of each (source, id), rows in event order. */
function firstDeliveries(rows: DocumentEventRow[]): DocumentEventRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const identity = `${r.source}\u0000${r.id}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** Each document as it stood: its latest event's type, and the latest non-empty value of each field. */
function summarise(key: DocumentKey, rows: DocumentEventRow[]): DocumentSummaryRow | undefined {
  const last = latestWith(rows);
  if (!last) return undefined;
  return {
    ...key,
    stage: last.type,
    amount: latestWith(rows, (r) => r.amount !== null)?.amount ?? null,
    currency: latestWith(rows, (r) => r.currency !== '')?.currency ?? '',
    counterparty_id: latestWith(rows, (r) => r.counterparty_id !== '')?.counterparty_id ?? '',
    counterparty_name: latestWith(rows, (r) => r.counterparty_name !== '')?.counterparty_name ?? '',
  };
}

export function timelineLists(
  root: DocumentKey,
  keys: DocumentKey[],
  eventRows: DocumentEventRow[],
  spanRows: DocumentSpanRow[],
  asOf: string | undefined,
  limits: { events: number; stageEvents: number; spans: number },
): TimelineLists {
  const wanted = new Set(keys.map((k) => typeAndId(k.document_type, k.document_id)));
  const inScope = eventRows.filter((r) => wanted.has(typeAndId(r.document_type, r.document_id)) && (asOf === undefined || r.time <= asOf)).sort(byEventOrder);
  const rowsOf = (k: DocumentKey) => inScope.filter((r) => r.document_type === k.document_type && r.document_id === k.document_id);
  const events = firstDeliveries(inScope)
    .slice(0, limits.events)
    .map((r) => ({
      source: r.source, id: r.id, type: r.type, time: r.time, received_at: r.received_at, entity: root.entity,
      document_type: r.document_type, document_id: r.document_id, amount: r.amount, currency: r.currency, data: r.data,
    }));
  const stageEvents = firstDeliveries(rowsOf(root)).slice(0, limits.stageEvents).map((r) => ({ type: r.type, time: r.time }));
  return { summaries: keys.flatMap((k) => summarise(k, rowsOf(k)) ?? []), events, stageEvents, spans: spansOf(keys, spanRows, limits.spans) };
}

/** Spans naming one of the documents: by id, and by type when the span names one. */
function spansOf(keys: DocumentKey[], rows: DocumentSpanRow[], limit: number): TimelineSpanRow[] {
  const typesById = new Map<string, Set<string>>();
  for (const k of keys) typesById.set(k.document_id, (typesById.get(k.document_id) ?? new Set()).add(k.document_type));
  const seen = new Set<string>();
  return rows
    .filter((s) => {
      const types = typesById.get(s.document_id);
      return types !== undefined && (s.document_type === '' || types.has(s.document_type));
    })
    .sort((a, b) => compareTuples([a.start_time, a.trace_id, a.span_id, a.received_at], [b.start_time, b.trace_id, b.span_id, b.received_at]))
    .filter((s) => {
      const identity = `${s.trace_id}\u0000${s.span_id}`;
      if (seen.has(identity)) return false;
      seen.add(identity);
      return true;
    })
    .slice(0, limit)
    .map((s) => ({
      trace_id: s.trace_id, span_id: s.span_id, parent_span_id: s.parent_span_id, name: s.name, service_name: s.service_name, flow: s.flow,
      status_code: s.status_code, status_message: s.status_message, start_time: s.start_time, end_time: s.end_time,
      duration_ms: Number(s.duration_ns) / 1e6, document_id: s.document_id,
    }));
}
