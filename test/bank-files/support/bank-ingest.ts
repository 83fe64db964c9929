// A real ingest (startTestIngest: own ClickHouse database, PostgreSQL, spool) with the
// bank-files route built the way ingest-app wires it, called through app.request(). Until
// the flusher's allowlist has the bank tables, bank files go to a spool of their own that
// drained() moves into the same ClickHouse database.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { ApiKeyStore } from '../../../ingest/auth/api-key-store.ts';
import { BankFileRegistry } from '../../../ingest/bank-files/bank-file-registry.ts';
import { bankFilesRoute, type BankFilesRouteDeps } from '../../../ingest/bank-files/bank-files.route.ts';
import { HttpProblem } from '../../../ingest/http/http-problem.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { startTestIngest, type TestIngest } from '../../support/ingest.ts';
import { drainSpool, flusherKnowsBankTables } from './bank-spool-drain.ts';

export interface BankIngest {
  ingest: TestIngest;
  spool: Spool;
  registry: BankFileRegistry;
  workDir: string;
  app: Hono;
  post(body: string | Buffer, opts?: { query?: string; key?: string | null; gzip?: boolean }): Promise<{ status: number; body: any }>;
  drained(): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  close(): Promise<void>;
}

export async function startBankIngest(routeOptions: Partial<BankFilesRouteDeps> = {}): Promise<BankIngest> {
  const ingest = await startTestIngest();
  const wired = flusherKnowsBankTables();
  const spool = wired ? ingest.service.spool : await Spool.open({ dir: join(ingest.dataDir, 'bank-spool'), maxBytes: 1024 ** 3 });
  const registry = new BankFileRegistry(ingest.clickhouse.ch);
  const workDir = join(ingest.dataDir, 'bank-files');
  const app = new Hono();
  app.post('/v1/bank-files', bankFilesRoute({ spool, keys: new ApiKeyStore(ingest.postgres.db), registry, workDir, ...routeOptions }));
  app.onError((error, c) => (error instanceof HttpProblem ? c.json({ error: error.message }, error.status, error.headers) : c.json({ error: String(error) }, 500)));
  return {
    ingest,
    spool,
    registry,
    workDir,
    app,
    async post(body, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
      if (opts.key !== null) headers.authorization = `Bearer ${opts.key ?? ingest.key}`;
      if (opts.gzip) headers['content-encoding'] = 'gzip';
      const payload = opts.gzip ? gzipSync(body) : body;
      const response = await app.request(`/v1/bank-files${opts.query ? `?${opts.query}` : ''}`, { method: 'POST', headers, body: payload as BodyInit });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: response.status, body: parsed };
    },
    drained: () => (wired ? ingest.drained() : drainSpool(spool, ingest.clickhouse.ch)),
    async query(sql, params = {}) {
      const rs = await ingest.clickhouse.ch.query({ query: sql, query_params: params, format: 'JSONEachRow' });
      return rs.json();
    },
    async close() {
      if (!wired) await spool.close();
      await ingest.close();
    },
  };
}
