// Applies sql/clickhouse/*.sql in order, once each, recording what ran in schema_migrations.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createClickHouse, type ClickHouseConnection } from '../client.ts';
import { renderDdl, type DdlTarget } from './render-ddl.ts';

export const clickhouseSqlDir = fileURLToPath(new URL('../../../sql/clickhouse/', import.meta.url));

export interface ClickHouseMigration {
  name: string;
  checksum: string;
  statements: string[];
}

/** Reads and renders the migrations for the target deployment. */
export async function loadClickHouseMigrations(target: DdlTarget, dir = clickhouseSqlDir): Promise<ClickHouseMigration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const template = await readFile(`${dir}${file}`, 'utf8');
      return {
        name: file.replace(/\.sql$/, ''),
        checksum: createHash('sha256').update(template).digest('hex'),
        statements: renderDdl(template, target),
      };
    }),
  );
}

/**
 * Creates the database if needed and applies pending migrations; safe to run at every start.
 * `until` (a migration name) stops after that migration: tests use it to build a database as
 * an earlier release left it, then migrate it with data in place.
 */
export async function migrateClickHouse(conn: ClickHouseConnection, target: DdlTarget, options: { until?: string } = {}): Promise<{ applied: string[] }> {
  const database = conn.database;
  const admin = createClickHouse({ ...conn, database: 'default' });
  const inDatabase = createClickHouse(conn);
  try {
    return await applyPending(admin, inDatabase, database, target, options.until);
  } finally {
    await Promise.all([admin.close(), inDatabase.close()]);
  }
}

async function applyPending(
  admin: ClickHouseClient,
  inDatabase: ClickHouseClient,
  database: string,
  target: DdlTarget,
  until: string | undefined,
): Promise<{ applied: string[] }> {
  const onCluster = target.cluster ? ` ON CLUSTER ${target.cluster}` : '';
  await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}${onCluster}` });
  await admin.command({
    query: `CREATE TABLE IF NOT EXISTS ${database}.schema_migrations${onCluster}
            (name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = ${target.cluster ? `ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/schema_migrations', '{replica}', applied_at)` : 'ReplacingMergeTree(applied_at)'}
            ORDER BY name`,
  });
  const done = await admin.query({
    query: `SELECT name, checksum FROM ${database}.schema_migrations FINAL`,
    format: 'JSONEachRow',
  });
  const applied = new Map((await done.json<{ name: string; checksum: string }>()).map((r) => [r.name, r.checksum]));
  const ran: string[] = [];
  const migrations = await loadClickHouseMigrations(target);
  const last = until === undefined ? migrations.length : migrations.findIndex((m) => m.name === until) + 1;
  if (last === 0) throw new Error(`no ClickHouse migration named ${until}`);
  for (const migration of migrations.slice(0, last)) {
    const previous = applied.get(migration.name);
    if (previous !== undefined) {
      if (previous !== migration.checksum) {
        throw new Error(
          `ClickHouse migration ${migration.name} changed after it was applied; migrations are frozen — add a new file instead`,
        );
      }
      continue;
    }
    for (const statement of migration.statements) {
      await inDatabase.command({ query: statement });
    }
    await admin.insert({
      table: `${database}.schema_migrations`,
      values: [{ name: migration.name, checksum: migration.checksum }],
      format: 'JSONEachRow',
    });
    ran.push(migration.name);
  }
  return { applied: ran };
}
