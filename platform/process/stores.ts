// Opens both stores for a process (ingest or server) from the configuration, with their
// schemas brought up to date. Embedded engines are started by the supervisor, which hands
// their URLs down as CLICKHOUSE_URL / DATABASE_URL; a process never guesses a store.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import { createClickHouse, type ClickHouseConnection } from '../clickhouse/client.ts';
import { migrateClickHouse } from '../clickhouse/schema/migrate-clickhouse.ts';
import type { Config } from '../config/env.ts';
import { createDatabase } from '../postgres/database.ts';
import type { Database } from '../postgres/database-schema.ts';
import { migratePostgres } from '../postgres/migrate.ts';

export interface Stores {
  ch: ClickHouseClient;
  chConnection: ClickHouseConnection;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export function clickhouseConnection(config: Config): ClickHouseConnection {
  if (!config.CLICKHOUSE_URL) {
    throw new Error('CLICKHOUSE_URL is not set: start Closewatch with `npm start` (which runs embedded ClickHouse) or point CLICKHOUSE_URL at a server, e.g. http://localhost:8123');
  }
  return { url: config.CLICKHOUSE_URL, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: config.CLICKHOUSE_DATABASE };
}

export function databaseUrl(config: Config): string {
  if (!config.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set: start Closewatch with `npm start` (which runs embedded PostgreSQL) or point DATABASE_URL at a server, e.g. postgres://closewatch@localhost:5432/closewatch');
  }
  return config.DATABASE_URL;
}

/** Applies ClickHouse and PostgreSQL migrations; idempotent. */
export async function migrateStores(config: Config): Promise<{ clickhouse: string[]; postgres: string[] }> {
  const clickhouse = await migrateClickHouse(clickhouseConnection(config), { cluster: config.CLICKHOUSE_CLUSTER });
  const db = createDatabase({ url: databaseUrl(config), embedded: config.CLOSEWATCH_EMBEDDED_POSTGRES, applicationName: 'closewatch-migrate' });
  try {
    const postgres = await migratePostgres(db);
    return { clickhouse: clickhouse.applied, postgres: postgres.applied };
  } finally {
    await db.destroy();
  }
}

export async function openStores(config: Config, service: string): Promise<Stores> {
  await migrateStores(config);
  const chConnection = clickhouseConnection(config);
  const ch = createClickHouse(chConnection);
  const db = createDatabase({ url: databaseUrl(config), embedded: config.CLOSEWATCH_EMBEDDED_POSTGRES, applicationName: `closewatch-${service}` });
  return {
    ch,
    chConnection,
    db,
    async close() {
      await Promise.allSettled([ch.close(), db.destroy()]);
    },
  };
}
