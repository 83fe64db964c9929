// Brings Closewatch's PostgreSQL schema up to date with the migrations in sql/postgres/.
// Run at every start by each process; Kysely's Migrator holds an advisory lock while it works
// and records applied migrations in kysely_migration, so concurrent or repeated runs apply
// each migration once. Migrations come from a static index: file discovery is awkward under tsx.
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { postgresMigrations } from '../../sql/postgres/index.ts';

const provider: MigrationProvider = { getMigrations: async () => postgresMigrations };

/** Applies pending migrations; returns the names applied by this call (empty if up to date). */
export async function migratePostgres(db: Kysely<any>): Promise<{ applied: string[] }> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL migration ${failed ?? '(before any migration ran)'} failed: ${cause}`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
