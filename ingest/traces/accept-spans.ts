// Walks an ExportTraceServiceRequest (OTLP JSON form) and decides each span's fate: stored,
// or refused and kept in the quarantine with every reason. A request whose structure is not
// an ExportTraceServiceRequest is refused whole (RequestShapeError).
import type { RecordError } from '../events/record-error.ts';
import { quarantineLine } from '../quarantine/quarantine-record.ts';
import { isObject, readAttributes, type Attribute } from './any-value.ts';
import { valueText } from './any-value-text.ts';
import { spanLine } from './span-row.ts';
import { validateSpan } from './validate-span.ts';

export class RequestShapeError extends Error {}

export interface SpanOutcome {
  accepted: number;
  rejected: number;
  /** The first refused span's reasons, for partialSuccess.errorMessage. */
  firstRejection?: RecordError[];
  /** Spool lines: spans rows and quarantine entries. */
  lines: string[];
}

export interface AcceptContext {
  apiKeyPrefix: string;
  receivedAtMs: number;
}

export function acceptSpans(request: unknown, context: AcceptContext): SpanOutcome {
  const out: SpanOutcome = { accepted: 0, rejected: 0, lines: [] };
  const resourceSpansList = containersAt(request as Record<string, unknown>, 'resourceSpans', '');
  resourceSpansList.forEach((resourceSpans, r) => {
    const at = `resourceSpans[${r}]`;
    const resource = objectAt(resourceSpans, 'resource', at);
    const resourceErrors: RecordError[] = [];
    const resourceAttributes = readAttributes(resource.attributes, `${at}.resource.attributes`, resourceErrors);
    containersAt(resourceSpans, 'scopeSpans', at).forEach((scopeSpans, s) => {
      const scopeAt = `${at}.scopeSpans[${s}]`;
      objectAt(scopeSpans, 'scope', scopeAt);
      listAt(scopeSpans, 'spans', scopeAt).forEach((span, i) => {
        const result = validateSpan(span, `${scopeAt}.spans[${i}]`);
        const errors = [...resourceErrors, ...(result.ok ? [] : result.errors)];
        if (result.ok && errors.length === 0) {
          out.lines.push(spanLine(result.span, resourceAttributes, context.receivedAtMs));
          out.accepted++;
          return;
        }
        out.rejected++;
        out.firstRejection ??= errors;
        out.lines.push(quarantinedSpanLine({ ...resourceSpans, scopeSpans: [{ ...scopeSpans, spans: [span] }] }, span, errors, serviceName(resourceAttributes), context));
      });
    });
  });
  return out;
}

/** The quarantine entry for a refused span: a request holding just it, with its resource and scope, replayable as it is. */
function quarantinedSpanLine(resourceSpans: object, span: unknown, errors: RecordError[], service: string | undefined, context: AcceptContext): string {
  return quarantineLine({
    channel: 'traces',
    raw: JSON.stringify({ resourceSpans: [resourceSpans] }),
    errors,
    source: service,
    eventId: isObject(span) && typeof span.spanId === 'string' ? span.spanId.slice(0, 64) : undefined,
    apiKeyPrefix: context.apiKeyPrefix,
    receivedAtMs: context.receivedAtMs,
  });
}

/** A repeated field of the envelope: absent means empty, anything but an array is a shape error. */
function listAt(parent: Record<string, unknown>, field: string, path: string): unknown[] {
  const list = parent[field];
  const at = path ? `${path}.${field}` : field;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RequestShapeError(`${at} must be an array`);
  return list;
}

/** resourceSpans and scopeSpans entries must be objects; spans are checked one by one instead. */
function containersAt(parent: Record<string, unknown>, field: string, path: string): Record<string, unknown>[] {
  const list = listAt(parent, field, path);
  list.forEach((item, i) => {
    if (!isObject(item)) throw new RequestShapeError(`${path ? `${path}.` : ''}${field}[${i}] must be an object`);
  });
  return list as Record<string, unknown>[];
}

function objectAt(parent: Record<string, unknown>, field: string, path: string): Record<string, unknown> {
  const value = parent[field];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new RequestShapeError(`${path}.${field} must be an object`);
  return value;
}

function serviceName(resourceAttributes: Attribute[]): string | undefined {
  const entry = resourceAttributes.findLast(([key]) => key === 'service.name');
  return entry ? valueText(entry[1]) : undefined;
}
