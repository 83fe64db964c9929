// A source that sends a batch every few seconds keeps its connection: an idle keep-alive
// connection is not closed after Node's default 5 s, where a client sending its next batch
// at that instant would get a reset instead of an answer.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
beforeAll(async () => {
  ingest = await startTestIngest();
});
afterAll(() => ingest?.close());

it('keeps an idle connection open past 5 s and answers the next batch on it', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (id: string) =>
    new Promise<{ status: number; reused: boolean; body: string }>((resolve, reject) => {
      const body = JSON.stringify([invoiceEvent({ id })]);
      const url = new URL(ingest.url);
      const req = request(
        { agent, host: url.hostname, port: url.port, path: '/v1/events', method: 'POST', headers: { authorization: `Bearer ${ingest.key}`, 'content-type': 'application/cloudevents-batch+json' } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    const first = await post('keepalive-1');
    expect(first).toMatchObject({ status: 200, reused: false });
    await new Promise((r) => setTimeout(r, 6_500));
    const second = await post('keepalive-2');
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toMatchObject({ accepted: 1 });
    expect(second.reused).toBe(true); // the same connection, still open after 6.5 s idle
  } finally {
    agent.destroy();
  }
}, 20_000);
