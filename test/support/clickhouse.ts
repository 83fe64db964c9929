// Gives a test file its own migrated ClickHouse database on the run's shared engine.
import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { inject } from 'vitest';
import { createClickHouse, type ClickHouseConnection } from '../../platform/clickhouse/client.ts';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';

export interface FreshClickHouse {
  ch: ClickHouseClient;
  connection: ClickHouseConnection;
  close(): Promise<void>;
}

export async function freshClickHouse(opts: { migrated?: boolean } = { migrated: true }): Promise<FreshClickHouse> {
  const shared = inject('clickhouse');
  const connection: ClickHouseConnection = { ...shared, database: `cw_test_${randomBytes(6).toString('hex')}` };
  if (opts.migrated !== false) await migrateClickHouse(connection, {});
  const ch = createClickHouse(connection);
  return {
    ch,
    connection,
    async close() {
      await ch.command({ query: `DROP DATABASE IF EXISTS ${connection.database}` }).catch(() => undefined);
      await ch.close();
    },
  };
}
