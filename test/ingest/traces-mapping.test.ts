// OTLP trace decoding and mapping without a server: both encodings to the same spans rows,
// exact 64-bit numbers, span validation with paths, attribute rendering and promotion.
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { acceptSpans, RequestShapeError } from '../../ingest/traces/accept-spans.ts';
import { otlpJson, quoteLongIntegers } from '../../ingest/traces/otlp-json.ts';
import { otlpProtobuf } from '../../ingest/traces/otlp-protobuf.ts';
import { toClickHouseDateTime64Nanos } from '../../ingest/traces/unix-nanos.ts';
import { validateSpan } from '../../ingest/traces/validate-span.ts';

const context = { apiKeyPrefix: 'cw_test', receivedAtMs: Date.UTC(2026, 10, 20, 10, 16) };

function sdkSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'ap-middleware', 'finance.entity': 'DE01' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const span = provider.getTracer('mapping-test').startSpan('post supplier invoice', {
    kind: 1, // SERVER in the API enum
    startTime: [1795169700, 123456789],
    attributes: { 'finance.document_id': 'INV-2026-000123', 'messaging.destination.name': 'ap.invoices', retries: 3, tags: ['eu', 'urgent'] },
  });
  span.addEvent('posted to ERP', { 'erp.doc': 'SAP-42' }, [1795169700, 900000000]);
  span.setStatus({ code: 2, message: 'ERP timeout' });
  span.end([1795169701, 1]);
  return memory.getFinishedSpans();
}

/** The parsed JSON rows of the spans lines in an outcome. */
function rows(lines: string[], table = 'spans'): Record<string, any>[] {
  return lines.filter((l) => l.startsWith(`${table}\t`)).map((l) => JSON.parse(l.slice(table.length + 1)));
}

/** A one-span OTLP JSON request; `span` overrides a valid span's fields. */
function request(span: Record<string, unknown>, resourceAttributes: unknown[] = []) {
  const valid = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'match payment', startTimeUnixNano: '1795169700000000000', endTimeUnixNano: '1795169700250000000' };
  return { resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 't' }, spans: [{ ...valid, ...span }] }] }] };
}

describe('decoding', () => {
  it('maps the same SDK spans to the same rows from protobuf and from JSON', () => {
    const spans = sdkSpans();
    const fromProtobuf = acceptSpans(otlpProtobuf.decodeRequest(Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!)), context);
    const fromJson = acceptSpans(otlpJson.decodeRequest(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!)), context);
    expect(rows(fromProtobuf.lines)).toEqual(rows(fromJson.lines));
    expect(rows(fromProtobuf.lines)[0]).toMatchObject({
      kind: 'SERVER',
      service_name: 'ap-middleware',
      start_time: '2026-11-20 10:15:00.123456789',
      end_time: '2026-11-20 10:15:01.000000001',
      duration_ns: '876543212',
      status_code: 'ERROR',
      status_message: 'ERP timeout',
      flow: 'ap.invoices',
      document_id: 'INV-2026-000123',
      entity: 'DE01',
      attributes: { retries: '3', tags: '["eu","urgent"]' },
    });
  });

  it('keeps JSON int64 numbers beyond 2^53 exact', () => {
    const body = JSON.stringify(request({ attributes: [{ key: 'big', value: { intValue: 0 } }] }))
      .replace('"startTimeUnixNano":"1795169700000000000"', '"startTimeUnixNano":1795169700000000001')
      .replace('"intValue":0', '"intValue":9223372036854775807');
    const [row] = rows(acceptSpans(otlpJson.decodeRequest(Buffer.from(body)), context).lines);
    expect(row!.start_time).toBe('2026-11-20 10:15:00.000000001');
    expect(row!.attributes.big).toBe('9223372036854775807');
  });

  it('quotes only long integer literals outside strings', () => {
    expect(quoteLongIntegers('{"a":"12345678901234567\\"890","b":12345678901234567890,"c":1.5e300,"d":42}')).toBe(
      '{"a":"12345678901234567\\"890","b":"12345678901234567890","c":1.5e300,"d":42}',
    );
  });

  it('refuses JSON nested deeper than any OTLP request', () => {
    expect(() => otlpJson.decodeRequest(Buffer.from('['.repeat(200) + ']'.repeat(200)))).toThrow(/deeper than 128/);
  });

  it('refuses bytes that are not a protobuf ExportTraceServiceRequest', () => {
    expect(() => otlpProtobuf.decodeRequest(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]))).toThrow();
  });
});

describe('timestamps', () => {
  it('formats nanoseconds exactly, without a float', () => {
    expect(toClickHouseDateTime64Nanos(1795169700999999999n)).toBe('2026-11-20 10:15:00.999999999');
    expect(toClickHouseDateTime64Nanos(1n)).toBe('1970-01-01 00:00:00.000000001');
  });
});

describe('span validation', () => {
  const at = 'resourceSpans[0].scopeSpans[1].spans[3]';

  it('refuses an all-zero trace id, naming the field', () => {
    const result = validateSpan(request({ traceId: '0'.repeat(32) }).resourceSpans[0]!.scopeSpans[0]!.spans[0], at);
    expect(result).toEqual({ ok: false, errors: [{ path: `${at}.traceId`, message: 'is all zeros, which is not a valid id' }] });
  });

  it('refuses a span id of the wrong length', () => {
    const result = validateSpan({ ...request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0], spanId: 'abcd' }, at);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([`${at}.spanId`]);
  });

  it('refuses a span that ends before it starts', () => {
    const result = validateSpan({ ...request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0], endTimeUnixNano: '1795169699000000000' }, at);
    expect(result.ok ? [] : result.errors).toEqual([{ path: `${at}.endTimeUnixNano`, message: expect.stringContaining('before startTimeUnixNano') }]);
  });

  it('accepts enum names as well as numbers', () => {
    const result = validateSpan({ ...request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0], kind: 'SPAN_KIND_CONSUMER', status: { code: 'STATUS_CODE_OK' } }, at);
    expect(result.ok && [result.span.kind, result.span.statusCode]).toEqual(['CONSUMER', 'OK']);
  });

  it('refuses an unknown span kind', () => {
    const result = validateSpan({ ...request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0], kind: 9 }, at);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([`${at}.kind`]);
  });

  it('treats an all-zero parent span id as a root span', () => {
    const result = validateSpan({ ...request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0], parentSpanId: '0000000000000000' }, at);
    expect(result.ok && result.span.parentSpanId).toBe('');
  });

  it('refuses attribute values nested deeper than 16 levels', () => {
    let value: Record<string, unknown> = { stringValue: 'leaf' };
    for (let i = 0; i < 20; i++) value = { arrayValue: { values: [value] } };
    const result = validateSpan({ ...request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0], attributes: [{ key: 'deep', value }] }, at);
    expect(result.ok ? '' : result.errors[0]!.message).toBe('nests deeper than 16 levels');
  });
});

describe('attributes and promotion', () => {
  it('stringifies scalars and renders kvlists as JSON objects', () => {
    const attributes = [
      { key: 'ok', value: { boolValue: false } },
      { key: 'ratio', value: { doubleValue: 'NaN' } },
      { key: 'erp', value: { kvlistValue: { values: [{ key: 'system', value: { stringValue: 'SAP' } }, { key: 'client', value: { intValue: '100' } }] } } },
      { key: 'none', value: {} },
    ];
    const [row] = rows(acceptSpans(request({ attributes }), context).lines);
    expect(row!.attributes).toEqual({ ok: 'false', ratio: 'NaN', erp: '{"system":"SAP","client":100}', none: '' });
  });

  it('promotes integration.flow over messaging.destination.name, and span attributes over resource ones', () => {
    const attributes = [
      { key: 'integration.flow', value: { stringValue: 'p2p-invoice-sync' } },
      { key: 'messaging.destination.name', value: { stringValue: 'ap.invoices' } },
      { key: 'finance.entity', value: { stringValue: 'FR02' } },
    ];
    const resource = [{ key: 'finance.entity', value: { stringValue: 'DE01' } }, { key: 'finance.document_type', value: { stringValue: 'supplier_invoice' } }];
    const [row] = rows(acceptSpans(request({ attributes }, resource), context).lines);
    expect([row!.flow, row!.entity, row!.document_type]).toEqual(['p2p-invoice-sync', 'FR02', 'supplier_invoice']);
  });
});

describe('accepting a request', () => {
  it('stores good spans and quarantines a bad one as a replayable one-span request', () => {
    const good = request({}).resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    const bad = { ...good, spanId: '0000000000000000' };
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bank-gw' } }] }, scopeSpans: [{ scope: { name: 't' }, spans: [good, bad] }] }] };
    const outcome = acceptSpans(body, context);
    expect([outcome.accepted, outcome.rejected]).toEqual([1, 1]);
    const [entry] = rows(outcome.lines, 'quarantine');
    expect(entry).toMatchObject({ channel: 'traces', source: 'bank-gw', error_paths: ['resourceSpans[0].scopeSpans[0].spans[1].spanId'] });
    expect(JSON.parse(entry!.raw)).toEqual({ resourceSpans: [{ ...body.resourceSpans[0], scopeSpans: [{ scope: { name: 't' }, spans: [bad] }] }] });
  });

  it('refuses the whole request when its structure is not an ExportTraceServiceRequest', () => {
    expect(() => acceptSpans({ resourceSpans: [{ scopeSpans: {} }] }, context)).toThrow(new RequestShapeError('resourceSpans[0].scopeSpans must be an array'));
  });
});
