// The traces client: the OTLP/HTTP JSON it sends, and what it does when ingest has no /v1/traces.
import { afterEach, describe, expect, it } from 'vitest';
import { TracesClient } from '../../simulator/ingest-client/traces-client.ts';
import type { SimSpan } from '../../simulator/generator.ts';
import { fakeIngest, type FakeIngest } from './fake-ingest.ts';

const span: SimSpan = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  name: 'ap-invoice-to-erp process',
  kind: 'consumer',
  startMs: 1_772_409_600_000,
  endMs: 1_772_409_600_250,
  ok: false,
  statusMessage: 'erp endpoint unavailable',
  service: 'middleware/mulesoft',
  attributes: { 'integration.flow': 'ap-invoice-to-erp', 'finance.document_id': 'INV-DE01-260302-00001' },
};

let ingest: FakeIngest;
afterEach(() => ingest.close());

describe('TracesClient', () => {
  it('sends OTLP/HTTP JSON with hex ids, nanosecond strings and string attributes', async () => {
    ingest = await fakeIngest([{ status: 200, body: {} }]);
    const logs: string[] = [];
    const client = new TracesClient({ ingestUrl: ingest.url, apiKey: 'k', log: { info: (_, m) => logs.push(m), warn: (_, m) => logs.push(m) } });
    expect(await client.send([span])).toBe(1);
    const request = ingest.received[0]!;
    expect(request.path).toBe('/v1/traces');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body.resourceSpans[0].resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'middleware/mulesoft' } }]);
    const sent = body.resourceSpans[0].scopeSpans[0].spans[0];
    expect(sent).toMatchObject({ traceId: span.traceId, spanId: span.spanId, kind: 5, startTimeUnixNano: '1772409600000000000', endTimeUnixNano: '1772409600250000000', status: { code: 2, message: 'erp endpoint unavailable' } });
    expect(sent.attributes).toContainEqual({ key: 'integration.flow', value: { stringValue: 'ap-invoice-to-erp' } });
  });

  it('treats a 404 as "traces not supported": says so once and stops sending', async () => {
    ingest = await fakeIngest([{ status: 404, body: { error: 'no route' } }]);
    const logs: string[] = [];
    const client = new TracesClient({ ingestUrl: ingest.url, apiKey: 'k', log: { info: (_, m) => logs.push(m), warn: (_, m) => logs.push(m) } });
    expect(await client.send([span])).toBe(0);
    expect(await client.send([span])).toBe(0);
    expect(client.supported).toBe(false);
    expect(ingest.received).toHaveLength(1);
    expect(logs).toHaveLength(1);
  });
});
