// The events client against a scripted ingest: NDJSON and the key on the wire, Retry-After,
// retries with backoff, 422 as rejections, 413 splitting, a refused key.
import { afterEach, describe, expect, it } from 'vitest';
import { EventsClient, IngestAuthError } from '../../simulator/ingest-client/events-client.ts';
import { fakeIngest, type FakeIngest } from './fake-ingest.ts';

const lines = ['{"id":"a"}', '{"id":"b"}', '{"id":"c"'];
const ok = (accepted: number) => ({ status: 200, body: { accepted, duplicates: 0, rejected: [] } });
let ingest: FakeIngest;
afterEach(() => ingest.close());

const client = () => new EventsClient({ ingestUrl: ingest.url, apiKey: 'cw_test_key' });

describe('EventsClient', () => {
  it('posts NDJSON with the bearer key and reports the answer', async () => {
    ingest = await fakeIngest([{ status: 200, body: { accepted: 1, duplicates: 1, rejected: [{ index: 2, id: null, errors: [{ path: '(record)', message: 'is not valid JSON' }] }] } }]);
    const outcome = await client().send(lines);
    expect(outcome).toMatchObject({ accepted: 1, duplicates: 1, rejected: 1, refused: 0 });
    expect(outcome.sampleErrors[0]).toContain('is not valid JSON');
    const [request] = ingest.received;
    expect(request!.path).toBe('/v1/events');
    expect(request!.headers['content-type']).toBe('application/x-ndjson');
    expect(request!.headers.authorization).toBe('Bearer cw_test_key');
    expect(request!.body.trim().split('\n')).toEqual(lines);
  });

  it('honours Retry-After on 429 and 503, resending the same batch', async () => {
    ingest = await fakeIngest([{ status: 429, headers: { 'retry-after': '1' } }, { status: 503, headers: { 'retry-after': '0' } }, ok(3)]);
    const outcome = await client().send(lines);
    expect(outcome.accepted).toBe(3);
    const [first, second, third] = ingest.received;
    expect(second!.atMs - first!.atMs).toBeGreaterThanOrEqual(950);
    expect(new Set([first!.body, second!.body, third!.body]).size).toBe(1);
  });

  it('retries server errors and dropped connections with backoff', async () => {
    ingest = await fakeIngest([{ status: 500 }, { status: 0, hangUp: true }, ok(3)]);
    expect((await client().send(lines)).accepted).toBe(3);
    expect(ingest.received).toHaveLength(3);
  });

  it('counts a 422 (every record rejected) as rejections, not as a failure to retry', async () => {
    ingest = await fakeIngest([{ status: 422, body: { accepted: 0, duplicates: 0, rejected: lines.map((_, index) => ({ index, id: null, errors: [] })) } }]);
    expect(await client().send(lines)).toMatchObject({ accepted: 0, rejected: 3 });
    expect(ingest.received).toHaveLength(1);
  });

  it('splits a batch ingest finds too large', async () => {
    ingest = await fakeIngest([{ status: 413 }, ok(2), ok(1)]);
    expect((await client().send(lines)).accepted).toBe(3);
    expect(ingest.received.map((r) => r.body.trim().split('\n').length)).toEqual([3, 2, 1]);
  });

  it('stops with a message on how to get a key when the key is refused', async () => {
    ingest = await fakeIngest([{ status: 401, body: { error: 'unknown API key' } }]);
    const error = await client().send(lines).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestAuthError);
    expect((error as Error).message).toContain('npm run keys:create');
  });
});
