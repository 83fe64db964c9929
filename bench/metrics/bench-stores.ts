// The stores the metrics benchmark measures against, set up as the server finds them: embedded
// ClickHouse in its own process (as production runs it), PostgreSQL embedded or a fresh
// database on DATABASE_URL's server, both migrated, and the business calendar written from the
// finance settings (stuck-document SLAs join it).
import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createClickHouse, type ClickHouseConnection } from '../../platform/clickhouse/client.ts';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { createDatabase } from '../../platform/postgres/database.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { migratePostgres } from '../../platform/postgres/migrate.ts';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { startBenchStack, type BenchStack } from '../support/bench-stack.ts';

export interface MetricsBenchStores {
  stack: BenchStack;
  connection: ClickHouseConnection;
  ch: ClickHouseClient;
  db: Kysely<Database>;
  postgres: string;
  /** Stops the stores; deletes the data directory unless `keepData`. */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

async function asAdmin(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** `dataDir`: reopen the stores a kept run left there (see startBenchStack). */
export async function openMetricsBenchStores(opts: { dataDir?: string } = {}): Promise<MetricsBenchStores> {
  const adminUrl = process.env.DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (adminUrl) {
    // Never the shared database itself: a fresh one, dropped at the end.
    const name = `cw_bench_${randomBytes(5).toString('hex')}`;
    await asAdmin(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropDatabase = () => asAdmin(adminUrl, `drop database if exists ${name} with (force)`);
  }
  const stack = await startBenchStack(opts);
  if (adminUrl) process.env.DATABASE_URL = adminUrl;
  const connection: ClickHouseConnection = { ...stack.clickhouse, database: 'closewatch' };
  await migrateClickHouse(connection, {});
  const ch = createClickHouse(connection, { requestTimeoutMs: 900_000 });
  const db = createDatabase({ url: stack.databaseUrl, embedded: stack.embeddedPostgres, applicationName: 'closewatch-bench' });
  await migratePostgres(db);
  await syncBusinessCalendar(ch, await loadFinanceSettings(db));
  return {
    stack,
    connection,
    ch,
    db,
    postgres: stack.embeddedPostgres ? 'embedded PGlite' : 'DATABASE_URL server (fresh database)',
    async close(opts = {}) {
      await Promise.allSettled([ch.close(), db.destroy()]);
      await stack.stop(opts);
      await dropDatabase?.();
    },
  };
}
