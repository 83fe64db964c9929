// Runs a real ingest service for a test file: its own ClickHouse database, PostgreSQL
// database, spool directory and API key, listening on an ephemeral port.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApiKey } from '../../ingest/auth/api-key-store.ts';
import { startIngest, type IngestService } from '../../ingest/ingest-service.ts';
import { loadConfig } from '../../platform/config/env.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { freshClickHouse, type FreshClickHouse } from './clickhouse.ts';
import { freshDatabase, type FreshDatabase } from './postgres.ts';

export interface TestIngest {
  url: string;
  key: string;
  clickhouse: FreshClickHouse;
  postgres: FreshDatabase;
  service: IngestService;
  dataDir: string;
  post(body: unknown, opts?: { contentType?: string; key?: string | null; gzip?: boolean; raw?: boolean }): Promise<{ status: number; body: any; headers: Headers }>;
  /** Waits until everything acknowledged so far is in ClickHouse. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestIngest(env: Record<string, string> = {}): Promise<TestIngest> {
  const clickhouse = await freshClickHouse();
  const postgres = await freshDatabase({ migrated: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-test-ingest-'));
  const config = loadConfig({
    CLOSEWATCH_DATA_DIR: dataDir,
    CLICKHOUSE_URL: clickhouse.connection.url,
    CLICKHOUSE_USER: clickhouse.connection.username,
    CLICKHOUSE_PASSWORD: clickhouse.connection.password,
    CLICKHOUSE_DATABASE: clickhouse.connection.database,
    DATABASE_URL: postgres.url,
    CLOSEWATCH_EMBEDDED_POSTGRES: postgres.embedded ? '1' : '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const stores = { ch: clickhouse.ch, chConnection: clickhouse.connection, db: postgres.db, close: async () => undefined };
  const service = await startIngest(config, stores, createLogger('ingest-test', 'silent'), { port: 0 });
  const { key } = await createApiKey(postgres.db, 'test', ['*']);
  return {
    url: service.url,
    key,
    clickhouse,
    postgres,
    service,
    dataDir,
    async post(body, opts = {}) {
      const text = opts.raw ? (body as string | Buffer) : JSON.stringify(body);
      const payload = opts.gzip ? gzipSync(text) : text;
      const headers: Record<string, string> = { 'content-type': opts.contentType ?? (Array.isArray(body) ? 'application/cloudevents-batch+json' : 'application/cloudevents+json') };
      if (opts.key !== null) headers.authorization = `Bearer ${opts.key ?? key}`;
      if (opts.gzip) headers['content-encoding'] = 'gzip';
      const response = await fetch(`${service.url}/v1/events`, { method: "POST", headers, body: payload as BodyInit });
      const responseText = await response.text();
      let parsed: unknown = responseText;
      try {
        parsed = JSON.parse(responseText);
      } catch {
        /* not JSON */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    drained: () => service.flusher.drained(),
    async close() {
      await service.close();
      await Promise.all([clickhouse.close(), postgres.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
