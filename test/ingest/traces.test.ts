// OTLP/HTTP traces end to end: the official OpenTelemetry exporters (protobuf and JSON,
// plain and gzip) send to a running ingest, then the spans are read back from ClickHouse.
import { context, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
beforeAll(async () => {
  ingest = await startTestIngest();
});
afterAll(() => ingest?.close());

type Exporter = JsonTraceExporter | ProtobufTraceExporter;

/** Middleware spans for one supplier invoice: a SERVER span and its CLIENT child that failed. */
function invoiceSpans(documentId: string): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'ap-middleware', 'finance.entity': 'DE01' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('closewatch-test');
  const parent = tracer.startSpan('receive supplier invoice', {
    kind: 1, // SERVER
    startTime: [1795169700, 123456789],
    attributes: { 'integration.flow': 'p2p-invoice-sync', 'finance.document_id': documentId, 'finance.document_type': 'supplier_invoice', 'erp.retries': 2 },
  });
  parent.end([1795169701, 500000000]);
  const child = tracer.startSpan('post to ERP', { kind: 2, startTime: [1795169700, 200000000], attributes: { 'finance.document_id': documentId } }, trace.setSpan(context.active(), parent));
  child.addEvent('ERP answered', { 'http.response.status_code': 504 }, [1795169701, 0]);
  child.setStatus({ code: 2, message: 'ERP gateway timeout' });
  child.end([1795169701, 100000001]);
  return memory.getFinishedSpans();
}

/** The span as a request would carry it with another trace id (here: an invalid one). */
function withTraceId(span: ReadableSpan, traceId: string): ReadableSpan {
  const changed = { ...span.spanContext(), traceId };
  return Object.assign(Object.create(span) as ReadableSpan, { spanContext: () => changed });
}

function exportWith(exporter: Exporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

async function exportAndDrain(make: (options: object) => Exporter, spans: ReadableSpan[], options: object = {}): Promise<ExportResult> {
  const exporter = make({ url: `${ingest.url}/v1/traces`, headers: { Authorization: `Bearer ${ingest.key}` }, ...options });
  try {
    const result = await exportWith(exporter, spans);
    await ingest.drained();
    return result;
  } finally {
    await exporter.shutdown();
  }
}

async function stored(documentId: string): Promise<Record<string, any>[]> {
  const rs = await ingest.clickhouse.ch.query({
    query: `SELECT trace_id, span_id, parent_span_id, name, kind, service_name, toString(start_time) AS start, toString(end_time) AS end,
                   duration_ns, status_code, status_message, flow, document_id, document_type, entity, attributes, resource_attributes, events
            FROM spans FINAL WHERE document_id = {documentId:String} ORDER BY start_time`,
    query_params: { documentId },
    format: 'JSONEachRow',
  });
  return rs.json();
}

const protobufExporter = (options: object) => new ProtobufTraceExporter(options);
const jsonExporter = (options: object) => new JsonTraceExporter(options);

describe('official exporters', () => {
  it('stores protobuf spans with promoted finance columns, exact times, status and events', async () => {
    const spans = invoiceSpans('INV-PB-1');
    const result = await exportAndDrain(protobufExporter, spans);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    const [parent, child] = await stored('INV-PB-1');
    expect(parent).toMatchObject({
      trace_id: spans[0]!.spanContext().traceId,
      parent_span_id: '',
      name: 'receive supplier invoice',
      kind: 'SERVER',
      service_name: 'ap-middleware',
      start: '2026-11-20 10:15:00.123456789',
      end: '2026-11-20 10:15:01.500000000',
      duration_ns: '1376543211',
      status_code: 'UNSET',
      flow: 'p2p-invoice-sync',
      document_type: 'supplier_invoice',
      entity: 'DE01',
      attributes: { 'integration.flow': 'p2p-invoice-sync', 'finance.document_id': 'INV-PB-1', 'finance.document_type': 'supplier_invoice', 'erp.retries': '2' },
      resource_attributes: expect.objectContaining({ 'service.name': 'ap-middleware', 'finance.entity': 'DE01' }),
    });
    expect(child).toMatchObject({
      parent_span_id: parent!.span_id,
      kind: 'CLIENT',
      duration_ns: '900000001',
      status_code: 'ERROR',
      status_message: 'ERP gateway timeout',
      entity: 'DE01',
    });
    expect(JSON.parse(child!.events)).toEqual([{ name: 'ERP answered', time_unix_nano: '1795169701000000000', attributes: { 'http.response.status_code': 504 } }]);
  });

  it('stores JSON spans the same way', async () => {
    const result = await exportAndDrain(jsonExporter, invoiceSpans('INV-JSON-1'));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    const rows = await stored('INV-JSON-1');
    expect(rows.map((r) => [r.kind, r.start, r.duration_ns, r.status_code, r.flow])).toEqual([
      ['SERVER', '2026-11-20 10:15:00.123456789', '1376543211', 'UNSET', 'p2p-invoice-sync'],
      ['CLIENT', '2026-11-20 10:15:00.200000000', '900000001', 'ERROR', ''],
    ]);
  });

  it('accepts gzip bodies in both encodings', async () => {
    const gzip = { compression: CompressionAlgorithm.GZIP };
    expect((await exportAndDrain(protobufExporter, invoiceSpans('INV-GZ-PB'), gzip)).code).toBe(ExportResultCode.SUCCESS);
    expect((await exportAndDrain(jsonExporter, invoiceSpans('INV-GZ-JSON'), gzip)).code).toBe(ExportResultCode.SUCCESS);
    expect((await stored('INV-GZ-PB')).length).toBe(2);
    expect((await stored('INV-GZ-JSON')).length).toBe(2);
  });

  it('refuses a wrong API key with 401', async () => {
    const exporter = new ProtobufTraceExporter({ url: `${ingest.url}/v1/traces`, headers: { Authorization: 'Bearer cw_wrong_key' } });
    const result = await exportWith(exporter, invoiceSpans('INV-401'));
    await exporter.shutdown();
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect((result.error as { code?: number }).code).toBe(401);
  });
});

describe('partial success', () => {
  const post = (body: Uint8Array, contentType: string) =>
    fetch(`${ingest.url}/v1/traces`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType, authorization: `Bearer ${ingest.key}` } });

  async function quarantined(path: string): Promise<Record<string, any>[]> {
    const rs = await ingest.clickhouse.ch.query({
      query: "SELECT raw, error_paths, error_messages FROM quarantine FINAL WHERE channel = 'traces' AND has(error_paths, {path:String}) AND position(raw, {marker:String}) > 0",
      query_params: { path, marker: 'INV-PARTIAL' },
      format: 'JSONEachRow',
    });
    return rs.json();
  }

  it('stores the good span, refuses the one with a zero trace id and quarantines it with its path', async () => {
    const [good, other] = invoiceSpans('INV-PARTIAL-PB');
    const body = ProtobufTraceSerializer.serializeRequest([good!, withTraceId(other!, '0'.repeat(32))])!;
    const res = await post(body, 'application/x-protobuf');
    expect(res.status).toBe(200);
    const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
    expect(Number(answer.partialSuccess?.rejectedSpans)).toBe(1);
    expect(answer.partialSuccess?.errorMessage).toContain('resourceSpans[0].scopeSpans[0].spans[1].traceId');
    await ingest.drained();
    expect((await stored('INV-PARTIAL-PB')).map((r) => r.name)).toEqual(['receive supplier invoice']);
    const [entry] = await quarantined('resourceSpans[0].scopeSpans[0].spans[1].traceId');
    expect(entry!.error_messages).toEqual(['is all zeros, which is not a valid id']);
    expect(JSON.parse(entry!.raw).resourceSpans[0].scopeSpans[0].spans[0]).toMatchObject({ traceId: '0'.repeat(32), name: 'post to ERP' });
  });

  it('does the same for JSON, answering in JSON', async () => {
    const [good, other] = invoiceSpans('INV-PARTIAL-JSON');
    const res = await post(JsonTraceSerializer.serializeRequest([withTraceId(other!, 'not-hex'), good!])!, 'application/json');
    expect(await res.json()).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('spans[0].traceId must be 32 hex characters') } });
    await ingest.drained();
    expect((await stored('INV-PARTIAL-JSON')).map((r) => r.name)).toEqual(['receive supplier invoice']);
  });
});

describe('refused requests', () => {
  it('answers 415 to a content type that is not OTLP', async () => {
    const res = await fetch(`${ingest.url}/v1/traces`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain', authorization: `Bearer ${ingest.key}` } });
    expect(res.status).toBe(415);
  });
});
