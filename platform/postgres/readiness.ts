// Readiness probe for PostgreSQL: proves a connection can be made and a query answered.
import { sql, type Kysely } from 'kysely';

/** Resolves when `select 1` succeeds; rejects with the driver's error otherwise. */
export async function pingPostgres(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
