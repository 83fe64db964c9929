// Maps documents.timeline to TimelineData: events at their business time in the lane of the
// system that sent them (a related document's events say which document), spans in the lane
// of the service that ran them, stages with their durations, related documents with how they
// relate. Warehouse times are UTC text.
import { parseWarehouseTime } from '../components/format-date-time.ts';
import type { ApiOutputs } from '../lib/trpc.ts';
import type { TimelineData } from './timeline-data.ts';

export type TimelineAnswer = ApiOutputs['documents']['timeline'];

const relationLabel: Record<string, string> = {
  correlation_child: 'refers to this document',
  correlation_parent: 'this document refers to it',
  bank_match: 'bank match',
  bank_match_partial: 'partial bank match',
};

const shortType = (type: string) => type.replace(/^finance\./, '');
const failedStatus = /error/i;

export function fromTimeline(answer: TimelineAnswer): TimelineData {
  const doc = answer.document;
  const isRoot = (e: { entity: string; document_type: string; document_id: string }) => e.entity === doc.entity && e.document_type === doc.document_type && e.document_id === doc.document_id;
  return {
    document: {
      entity: doc.entity,
      documentType: doc.document_type,
      documentId: doc.document_id,
      stage: doc.stage,
      amount: doc.amount,
      currency: doc.currency,
      counterparty: doc.counterparty_name || doc.counterparty_id,
    },
    timeZone: doc.time_zone || null,
    truncated: Object.entries(answer.truncated).filter(([, cut]) => cut).map(([list]) => list),
    related: answer.related.map((r) => ({ entity: r.entity, documentType: r.document_type, documentId: r.document_id, relation: relationLabel[r.relation] ?? r.relation })),
    events: answer.events.flatMap((e) => {
      const atMs = parseWarehouseTime(e.time);
      if (atMs === null) return [];
      return [{ id: `${e.source}|${e.id}`, label: isRoot(e) ? shortType(e.type) : `${shortType(e.type)} (${e.document_type.replace(/_/g, ' ')} ${e.document_id})`, lane: e.source, atMs }];
    }),
    spans: answer.spans.flatMap((s) => {
      const startMs = parseWarehouseTime(s.start_time);
      const endMs = parseWarehouseTime(s.end_time);
      if (startMs === null) return [];
      return [{ id: `${s.trace_id}|${s.span_id}`, label: s.name, lane: s.service_name || s.flow, startMs, endMs: endMs ?? startMs, failed: failedStatus.test(s.status_code) }];
    }),
    stages: answer.stages.flatMap((s) => {
      const enteredMs = parseWarehouseTime(s.entered_at);
      if (enteredMs === null) return [];
      return [{ stage: s.stage, enteredMs, leftMs: s.left_at === null ? null : parseWarehouseTime(s.left_at), durationMs: s.duration_ms }];
    }),
  };
}
