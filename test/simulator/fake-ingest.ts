// A scripted stand-in for ingest: answers each request with the next scripted reply and
// records what it was sent, so client tests can check retries without a real pipeline.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Drop the connection instead of answering. */
  hangUp?: boolean;
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  atMs: number;
}

export interface FakeIngest {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function fakeIngest(script: Reply[], fallback: Reply = { status: 200, body: { accepted: 0, duplicates: 0, rejected: [] } }): Promise<FakeIngest> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body, atMs: Date.now() });
      const reply = script.shift() ?? fallback;
      if (reply.hangUp) return void req.socket.destroy();
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
