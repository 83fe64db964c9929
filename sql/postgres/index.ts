// Every PostgreSQL migration, in order. Kysely's Migrator applies those not yet recorded in
// kysely_migration. Add a new migration here with a later timestamp; never rename or remove one.
import type { Migration } from 'kysely';
import * as apiKeys from './2026-11-26T0001-api-keys.ts';
import * as auditLog from './2026-11-26T0002-audit-log.ts';
import * as financeSettings from './2026-11-26T0003-finance-settings.ts';

export const postgresMigrations: Record<string, Migration> = {
  '2026-11-26T0001-api-keys': apiKeys,
  '2026-11-26T0002-audit-log': auditLog,
  '2026-11-26T0003-finance-settings': financeSettings,
};
