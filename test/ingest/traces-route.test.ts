// POST /v1/traces through Hono's app.request (no port, no ClickHouse): responses in the
// request's encoding, error Status bodies, partial success, and what reaches the spool.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { Hono } from 'hono';
import protobuf from 'protobufjs/light.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiKeyStore } from '../../ingest/auth/api-key-store.ts';
import { Spool } from '../../ingest/spool/spool.ts';
import { otlpTraceDescriptor } from '../../ingest/traces/otlp-trace-schema.ts';
import { tracesRoute } from '../../ingest/traces/traces.route.ts';

const rpcStatus = protobuf.Root.fromJSON(otlpTraceDescriptor).lookupType('google.rpc.Status');
const keys = { verify: async (key: string) => (key === 'good-key' ? { prefix: 'cw_test', name: 'test', sourcePatterns: ['*'] } : undefined) } as unknown as ApiKeyStore;
const opened: { dir: string; spool: Spool }[] = [];
afterEach(async () => {
  for (const { dir, spool } of opened.splice(0)) {
    await spool.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function tracesApp(maxSpoolBytes = 1024 * 1024) {
  const dir = await mkdtemp(join(tmpdir(), 'cw-traces-route-'));
  const spool = await Spool.open({ dir, maxBytes: maxSpoolBytes });
  opened.push({ dir, spool });
  const app = new Hono().post('/v1/traces', tracesRoute({ spool, keys, maxBodyBytes: 64 * 1024 }));
  const post = (body: BodyInit, contentType: string, key = 'good-key') =>
    app.request('/v1/traces', { method: 'POST', body, headers: { 'content-type': contentType, authorization: `Bearer ${key}` } });
  const spooled = async () => (await spool.read({ segment: 1, offset: 0 }, 1024 * 1024))?.data.toString('utf8').split('\n').filter(Boolean) ?? [];
  return { post, spooled };
}

function oneSpanRequest(span: Record<string, unknown> = {}) {
  const valid = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'match payment', startTimeUnixNano: '1795169700000000000', endTimeUnixNano: '1795169700250000000' };
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, ...span }] }] }] });
}

describe('POST /v1/traces', () => {
  it('answers a fully accepted JSON request with an empty ExportTraceServiceResponse', async () => {
    const { post, spooled } = await tracesApp();
    const res = await post(oneSpanRequest(), 'application/json; charset=utf-8');
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'application/json', '{}']);
    expect((await spooled()).map((l) => l.split('\t')[0])).toEqual(['spans']);
  });

  it('reports refused spans as partialSuccess, with int64 as a string in JSON', async () => {
    const { post, spooled } = await tracesApp();
    const res = await post(oneSpanRequest({ traceId: 'abc' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('resourceSpans[0].scopeSpans[0].spans[0].traceId must be 16 bytes') },
    });
    expect((await spooled()).map((l) => l.split('\t')[0])).toEqual(['quarantine']);
  });

  it('answers protobuf with protobuf, which the official deserializer reads', async () => {
    const { post } = await tracesApp();
    const res = await post(new Uint8Array(), 'application/x-protobuf');
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect(ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()))).toEqual({});
  });

  it('refuses an undecodable protobuf body with a protobuf Status and keeps the body in the quarantine', async () => {
    const { post, spooled } = await tracesApp();
    const garbage = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]);
    const res = await post(garbage, 'application/x-protobuf');
    expect(res.status).toBe(400);
    const status = rpcStatus.toObject(rpcStatus.decode(new Uint8Array(await res.arrayBuffer())));
    expect(status).toMatchObject({ code: 3, message: expect.stringContaining('not a protobuf ExportTraceServiceRequest') });
    const [line] = await spooled();
    expect(JSON.parse(line!.split('\t')[1]!)).toMatchObject({ channel: 'traces', raw: `base64:${garbage.toString('base64')}`, error_paths: ['(body)'] });
  });

  it('refuses a wrong key with 401 and a Status in the request encoding', async () => {
    const { post } = await tracesApp();
    const res = await post(new Uint8Array(), 'application/x-protobuf', 'bad-key');
    expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="closewatch-ingest"']);
    expect(rpcStatus.toObject(rpcStatus.decode(new Uint8Array(await res.arrayBuffer())))).toMatchObject({ code: 16 });
  });

  it('refuses other content types with 415 and a JSON Status naming the accepted ones', async () => {
    const { post } = await tracesApp();
    const res = await post(oneSpanRequest(), 'text/plain');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 3, message: expect.stringContaining('application/x-protobuf or application/json') });
  });

  it('asks the exporter to retry later when the spool is full', async () => {
    const { post } = await tracesApp(10);
    const res = await post(oneSpanRequest(), 'application/json');
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await res.json()).toMatchObject({ code: 14 });
  });
});
