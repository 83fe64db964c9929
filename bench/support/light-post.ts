// A light HTTP client for load generators: node:http with keep-alive sockets. It costs the
// benchmark's own process several times less CPU per request than fetch, which matters when
// the load generator shares the machine's cores with what it measures.
import { Agent, request } from 'node:http';

export interface LightResponse {
  status: number;
  body: string;
}

export function lightPoster(baseUrl: string, headers: Record<string, string>): (path: string, body: string) => Promise<LightResponse> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const base = new URL(baseUrl);
  return (path, body) =>
    new Promise((resolve, reject) => {
      const req = request(
        { agent, host: base.hostname, port: base.port, path, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
