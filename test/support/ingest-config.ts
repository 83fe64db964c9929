// The environment an ingest (in-process or child process) needs for a fault test: its own data
// directory, the test's ClickHouse and PostgreSQL, and silent logs unless FAULT_LOG_LEVEL is set.
import type { ClickHouseConnection } from '../../platform/clickhouse/client.ts';
import type { FreshDatabase } from './postgres.ts';

export function ingestEnv(opts: { dataDir: string; clickhouse: ClickHouseConnection; postgres: FreshDatabase; port: number; extra?: Record<string, string> }): Record<string, string> {
  return {
    CLOSEWATCH_DATA_DIR: opts.dataDir,
    CLICKHOUSE_URL: opts.clickhouse.url,
    CLICKHOUSE_USER: opts.clickhouse.username,
    CLICKHOUSE_PASSWORD: opts.clickhouse.password,
    CLICKHOUSE_DATABASE: opts.clickhouse.database,
    DATABASE_URL: opts.postgres.url,
    CLOSEWATCH_EMBEDDED_POSTGRES: opts.postgres.embedded ? '1' : '0',
    INGEST_PORT: String(opts.port),
    LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent',
    ...opts.extra,
  };
}
