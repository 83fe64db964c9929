// Ingest started in-process for a fault test, against the test's own ClickHouse (which the
// test may stop) and PostgreSQL, with its own spool directory and an API key for all sources.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '../../ingest/auth/api-key-store.ts';
import { startIngest, type IngestService } from '../../ingest/ingest-service.ts';
import { createClickHouse } from '../../platform/clickhouse/client.ts';
import { loadConfig } from '../../platform/config/env.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { ingestEnv } from './ingest-config.ts';
import type { OwnClickHouse } from './own-clickhouse.ts';
import type { FreshDatabase } from './postgres.ts';

export interface FaultIngest {
  service: IngestService;
  url: string;
  key: string;
  /** GET /readyz: status code and body. */
  readiness(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }>;
  close(): Promise<void>;
}

export async function startFaultIngest(clickhouse: OwnClickHouse, postgres: FreshDatabase, extra: Record<string, string> = {}): Promise<FaultIngest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-fault-ingest-'));
  const config = loadConfig(ingestEnv({ dataDir, clickhouse: clickhouse.connection, postgres, port: 0, extra }));
  const ch = createClickHouse(clickhouse.connection);
  const stores = { ch, chConnection: clickhouse.connection, db: postgres.db, close: () => ch.close() };
  const service = await startIngest(config, stores, createLogger('ingest-fault', 'silent'), { port: 0 });
  const { key } = await createApiKey(postgres.db, 'fault-test', ['*']);
  return {
    service,
    url: service.url,
    key,
    async readiness() {
      const response = await fetch(`${service.url}/readyz`);
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await service.close();
      await stores.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
