// Gives a test file its own empty PostgreSQL database, on whichever store the run is set up for:
// with DATABASE_URL, a new database `cw_test_<random>` on that server (dropped on close);
// without it, embedded PGlite in a fresh temporary directory (deleted on close). The embedded
// directory is copied from a pristine initdb kept in the temp dir per PGlite version, since
// initdb takes seconds and every test file would otherwise pay for it.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../../platform/postgres/database.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { startEmbeddedPostgres } from '../../platform/postgres/embedded/start.ts';
import { migratePostgres } from '../../platform/postgres/migrate.ts';

export interface FreshDatabase {
  db: Kysely<Database>;
  url: string;
  embedded: boolean;
  /** Destroys the pool and drops the database (or stops PGlite and deletes its directory). */
  close(): Promise<void>;
}

/** An empty database; pass `{ migrated: true }` to have every migration applied first. */
export async function freshDatabase(opts: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  const fresh = adminUrl ? await databaseOnServer(adminUrl) : await embeddedDatabase();
  if (opts.migrated) {
    try {
      await migratePostgres(fresh.db);
    } catch (error) {
      await fresh.close();
      throw error;
    }
  }
  return fresh;
}

async function databaseOnServer(adminUrl: string): Promise<FreshDatabase> {
  const name = `cw_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, (admin) => admin.query(`create database ${admin.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ url: url.toString(), embedded: false, applicationName: 'closewatch-test' });
  return {
    db,
    url: url.toString(),
    embedded: false,
    async close() {
      await db.destroy();
      await asAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`));
    },
  };
}

async function embeddedDatabase(): Promise<FreshDatabase> {
  const template = await pristinePgliteDir();
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-test-pg-'));
  await cp(template, join(dataDir, 'postgres'), { recursive: true });
  const postgres = await startEmbeddedPostgres({ dataDir, port: 0 }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const db = createDatabase({ url: postgres.url, embedded: true, applicationName: 'closewatch-test' });
  return {
    db,
    url: postgres.url,
    embedded: true,
    async close() {
      await db.destroy();
      await postgres.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function asAdmin(url: string, run: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

/** A cleanly closed, freshly initialised PGlite data directory, made once per PGlite version. */
async function pristinePgliteDir(): Promise<string> {
  const packageDir = dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const template = join(tmpdir(), `closewatch-pglite-template-${version}`);
  if (await exists(join(template, 'PG_VERSION'))) return template;
  // Built aside and renamed into place, so concurrent test files never see half a template.
  const draft = `${template}.${process.pid}-${randomBytes(4).toString('hex')}`;
  const pglite = await PGlite.create({ dataDir: draft });
  await pglite.close();
  await rename(draft, template).catch(() => rm(draft, { recursive: true, force: true }));
  return template;
}

const exists = (path: string) => stat(path).then(() => true, () => false);
