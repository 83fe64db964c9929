// Migration: finance settings — entities (time zone, close calendar, materiality), holidays,
// SLAs per document type / stage / entity, and matching tolerances. Rows override the
// built-in defaults in server/settings/default-settings.ts.
// Frozen in time: never edit after release; change the tables in a new migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entity_settings')
    .addColumn('entity', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('functional_currency', 'text', (col) => col.notNull())
    .addColumn('close_working_days', 'integer', (col) => col.notNull().defaultTo(5))
    .addColumn('materiality', 'numeric', (col) => col.notNull().defaultTo('0'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('holidays')
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('date', 'date', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('holidays_pk', ['entity', 'date'])
    .execute();
  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_type', 'text', (col) => col.notNull())
    .addColumn('stage', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull().defaultTo('*'))
    .addColumn('amount', 'integer', (col) => col.notNull().check(sql`amount > 0`))
    .addColumn('unit', 'text', (col) => col.notNull().check(sql`unit in ('hours', 'business_days')`))
    .addUniqueConstraint('sla_policies_scope', ['document_type', 'stage', 'entity'])
    .execute();
  await db.schema
    .createTable('matching_settings')
    .addColumn('entity', 'text', (col) => col.primaryKey())
    .addColumn('amount_tolerance', 'numeric', (col) => col.notNull())
    .addColumn('date_window_days', 'integer', (col) => col.notNull())
    .addColumn('receipt_apply_days', 'integer', (col) => col.notNull())
    .addColumn('confirmation_sla_hours', 'integer', (col) => col.notNull())
    .addColumn('duplicate_window_days', 'integer', (col) => col.notNull())
    .addColumn('duplicate_max_distance', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('reporting_settings')
    .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('reporting_currency', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reporting_settings', 'matching_settings', 'sla_policies', 'holidays', 'entity_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
