// The shape of Closewatch's PostgreSQL database as Kysely sees it: one entry per table, each
// defined in tables/<table>.table.ts. Kept in step with the migrations in sql/postgres/.
import type { ApiKeysTable } from './tables/api-keys.table.ts';
import type { AuditLogTable } from './tables/audit-log.table.ts';
import type { EntitySettingsTable, HolidaysTable, MatchingSettingsTable, ReportingSettingsTable, SlaPoliciesTable } from './tables/finance-settings.table.ts';

export interface Database {
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  entity_settings: EntitySettingsTable;
  holidays: HolidaysTable;
  sla_policies: SlaPoliciesTable;
  matching_settings: MatchingSettingsTable;
  reporting_settings: ReportingSettingsTable;
}
