// The spans row for a validated span, serialised once as the spool line the flusher sends to
// ClickHouse unchanged. Attributes that tie a span to a flow and a finance document are
// promoted to columns: the span's own attribute first, else the resource's.
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { Attribute } from './any-value.ts';
import { attributesJson, attributesText } from './any-value-text.ts';
import { toClickHouseDateTime64Nanos } from './unix-nanos.ts';
import type { ValidSpan } from './validate-span.ts';

/** Column ← attribute keys, first present wins (span attributes before resource attributes). */
export const promotedAttributes = {
  flow: ['integration.flow', 'messaging.destination.name'],
  document_id: ['finance.document_id'],
  document_type: ['finance.document_type'],
  entity: ['finance.entity'],
} as const;

export function spanLine(span: ValidSpan, resourceAttributes: Attribute[], receivedAtMs: number): string {
  const attributes = wellFormedMap(attributesText(span.attributes));
  const resource = wellFormedMap(attributesText(resourceAttributes));
  const promoted = (keys: readonly string[]) => {
    for (const key of keys) if (attributes[key] !== undefined) return attributes[key];
    for (const key of keys) if (resource[key] !== undefined) return resource[key];
    return '';
  };
  const row = {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    name: span.name.toWellFormed(),
    kind: span.kind,
    service_name: resource['service.name'] ?? '',
    start_time: toClickHouseDateTime64Nanos(span.startNanos),
    end_time: toClickHouseDateTime64Nanos(span.endNanos),
    // A quoted UInt64: exact beyond 2^53, which ClickHouse reads from JSON as a number.
    duration_ns: (span.endNanos - span.startNanos).toString(),
    status_code: span.statusCode,
    status_message: span.statusMessage.toWellFormed(),
    flow: promoted(promotedAttributes.flow),
    document_id: promoted(promotedAttributes.document_id),
    document_type: promoted(promotedAttributes.document_type),
    entity: promoted(promotedAttributes.entity),
    attributes,
    resource_attributes: resource,
    events: eventsJson(span),
    received_at: toClickHouseDateTime64(receivedAtMs),
  };
  return `spans\t${JSON.stringify(row)}\n`;
}

/** Span events as a JSON array of {name, time_unix_nano, attributes}. */
function eventsJson(span: ValidSpan): string {
  const events = span.events.map((e) => `{"name":${JSON.stringify(e.name)},"time_unix_nano":"${e.timeNanos}","attributes":${attributesJson(e.attributes)}}`);
  return `[${events.join(',')}]`;
}

// Unpaired surrogates cannot be stored as UTF-8; they become U+FFFD.
function wellFormedMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toWellFormed(), v.toWellFormed()]));
}
