// Migrations: idempotent, and safe when several processes start at once.
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../platform/postgres/database.ts';
import { migratePostgres } from '../../platform/postgres/migrate.ts';
import { postgresMigrations } from '../../sql/postgres/index.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

const allMigrations = Object.keys(postgresMigrations);

async function columns(db: Kysely<any>) {
  const { rows } = await sql<Record<string, unknown>>`
    select table_name, column_name, data_type, udt_name, is_nullable, column_default
    from information_schema.columns
    where table_schema = 'public'
    order by table_name, ordinal_position`.execute(db);
  return rows;
}

describe('migratePostgres', () => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.close();
    fresh = undefined;
  });

  it('applies every migration once; a second run applies nothing and leaves the schema unchanged', async () => {
    fresh = await freshDatabase();
    expect(await migratePostgres(fresh.db)).toEqual({ applied: allMigrations });
    const schemaAfterFirstRun = await columns(fresh.db);
    expect(schemaAfterFirstRun.map((c) => c.table_name)).toEqual(expect.arrayContaining(['api_keys', 'audit_log']));

    expect(await migratePostgres(fresh.db)).toEqual({ applied: [] });
    expect(await columns(fresh.db)).toEqual(schemaAfterFirstRun);
  });

  it('applies each migration exactly once when two processes migrate at the same time', async () => {
    fresh = await freshDatabase();
    const other = createDatabase({ url: fresh.url, embedded: fresh.embedded });
    try {
      const [first, second] = await Promise.all([migratePostgres(fresh.db), migratePostgres(other)]);
      expect([...first.applied, ...second.applied].sort()).toEqual(allMigrations);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(fresh.db);
      expect(rows.map((r) => r.name)).toEqual(allMigrations);
    } finally {
      await other.destroy();
    }
  });
});
