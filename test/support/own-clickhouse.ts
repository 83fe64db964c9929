// An embedded ClickHouse of a fault test's own (own data dir, fixed port), migrated, that the
// test can stop and start again on the same port and data to simulate an outage. The shared
// engine of the run must never be stopped, so fault tests do not use it. Background merges of
// finance_events are stopped, so a physically duplicated row stays visible to a raw count().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse, type ClickHouseConnection } from '../../platform/clickhouse/client.ts';
import { startEmbeddedClickHouse, type EmbeddedClickHouse } from '../../platform/clickhouse/embedded/start.ts';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { freePort } from './free-port.ts';

export interface OwnClickHouse {
  connection: ClickHouseConnection;
  /** A client for the test's own queries (not the one under test). */
  ch: ClickHouseClient;
  running(): boolean;
  /** Closes the engine: connections are refused until start(). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnClickHouse(): Promise<OwnClickHouse> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-fault-ch-'));
  const port = await freePort();
  const password = 'fault-test';
  const launch = () => startEmbeddedClickHouse({ dataDir, port, password });
  let engine: EmbeddedClickHouse | undefined = await launch();
  const connection: ClickHouseConnection = { url: engine.url, username: engine.username, password, database: 'closewatch' };
  await migrateClickHouse(connection, {});
  const ch = createClickHouse(connection);
  const stopMerges = () => ch.command({ query: 'SYSTEM STOP MERGES finance_events' });
  await stopMerges();
  return {
    connection,
    ch,
    running: () => engine !== undefined,
    async stop() {
      await engine?.close();
      engine = undefined;
    },
    async start() {
      if (engine) return;
      engine = await launch();
      await stopMerges();
    },
    async close() {
      await ch.close();
      await engine?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
