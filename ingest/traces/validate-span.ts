// Checks one span in the OTLP JSON form and, if it can be stored, returns it normalised.
// Every problem names its field by path (e.g. resourceSpans[0].scopeSpans[1].spans[3].traceId).
import type { RecordError } from '../events/record-error.ts';
import { isObject, readAttributes, type Attribute } from './any-value.ts';
import { enumName, enumProblem, spanKinds, statusCodes, type SpanKindName, type StatusCodeName } from './otlp-enums.ts';
import { readUnixNanos } from './unix-nanos.ts';

export interface SpanEvent {
  name: string;
  timeNanos: bigint;
  attributes: Attribute[];
}

export interface ValidSpan {
  /** Lower-case hex. */
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  kind: SpanKindName;
  startNanos: bigint;
  endNanos: bigint;
  statusCode: StatusCodeName;
  statusMessage: string;
  attributes: Attribute[];
  events: SpanEvent[];
}

export type SpanValidation = { ok: true; span: ValidSpan } | { ok: false; errors: RecordError[] };

export function validateSpan(raw: unknown, path: string): SpanValidation {
  if (!isObject(raw)) return { ok: false, errors: [{ path, message: 'must be an object (one Span)' }] };
  const errors: RecordError[] = [];
  const problem = (field: string, message: string) => errors.push({ path: `${path}.${field}`, message });

  const traceId = readId(raw.traceId, 16, (m) => problem('traceId', m));
  const spanId = readId(raw.spanId, 8, (m) => problem('spanId', m));
  // An all-zero parent is how some SDKs write "no parent".
  const parent = raw.parentSpanId === undefined || raw.parentSpanId === '' || raw.parentSpanId === null ? '' : readId(raw.parentSpanId, 8, (m) => problem('parentSpanId', m), true);
  if (raw.name !== undefined && typeof raw.name !== 'string') problem('name', 'must be a string');
  const kind = enumName(raw.kind, spanKinds, 'SPAN_KIND_');
  if (!kind) problem('kind', enumProblem(spanKinds, 'SPAN_KIND_'));

  const start = readUnixNanos(raw.startTimeUnixNano);
  const end = readUnixNanos(raw.endTimeUnixNano);
  if (typeof start !== 'bigint') problem('startTimeUnixNano', start.problem);
  if (typeof end !== 'bigint') problem('endTimeUnixNano', end.problem);
  if (typeof start === 'bigint' && typeof end === 'bigint' && end < start) {
    problem('endTimeUnixNano', `${end} is before startTimeUnixNano ${start}; a span must end at or after its start`);
  }

  const status = raw.status ?? {};
  let statusCode: StatusCodeName | undefined = 'UNSET';
  if (!isObject(status)) problem('status', 'must be an object {code, message}');
  else {
    statusCode = enumName(status.code, statusCodes, 'STATUS_CODE_');
    if (!statusCode) problem('status.code', enumProblem(statusCodes, 'STATUS_CODE_'));
    if (status.message !== undefined && typeof status.message !== 'string') problem('status.message', 'must be a string');
  }

  const attributes = readAttributes(raw.attributes, `${path}.attributes`, errors);
  const events = readEvents(raw.events, `${path}.events`, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    span: {
      traceId: traceId!,
      spanId: spanId!,
      parentSpanId: parent ?? '',
      name: (raw.name as string | undefined) ?? '',
      kind: kind!,
      startNanos: start as bigint,
      endNanos: end as bigint,
      statusCode: statusCode!,
      statusMessage: ((status as { message?: string }).message) ?? '',
      attributes,
      events,
    },
  };
}

/** A hex id of `bytes` bytes, lower-cased; all zeros is invalid (or, if allowed, means none). */
function readId(raw: unknown, bytes: number, problem: (message: string) => void, zeroMeansNone = false): string | undefined {
  const hex = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  if (raw === undefined || raw === '') {
    problem(`is required (${bytes} bytes, ${bytes * 2} hex characters)`);
  } else if (hex === undefined || !/^[0-9a-f]*$/.test(hex)) {
    problem(`must be ${bytes * 2} hex characters (${bytes} bytes)`);
  } else if (hex.length !== bytes * 2) {
    problem(`must be ${bytes} bytes (${bytes * 2} hex characters), got ${hex.length / 2} bytes`);
  } else if (/^0+$/.test(hex)) {
    if (zeroMeansNone) return '';
    problem('is all zeros, which is not a valid id');
  } else {
    return hex;
  }
  return undefined;
}

function readEvents(raw: unknown, path: string, errors: RecordError[]): SpanEvent[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push({ path, message: 'must be an array of span events' });
    return [];
  }
  const events: SpanEvent[] = [];
  raw.forEach((event, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(event)) return void errors.push({ path: at, message: 'must be an object {timeUnixNano, name, attributes}' });
    const time = readUnixNanos(event.timeUnixNano);
    if (typeof time !== 'bigint') errors.push({ path: `${at}.timeUnixNano`, message: time.problem });
    if (event.name !== undefined && typeof event.name !== 'string') errors.push({ path: `${at}.name`, message: 'must be a string' });
    const attributes = readAttributes(event.attributes, `${at}.attributes`, errors);
    if (typeof time === 'bigint') events.push({ name: (event.name as string | undefined) ?? '', timeNanos: time, attributes });
  });
  return events;
}
