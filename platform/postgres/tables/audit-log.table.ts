// Row types of `audit_log`: who did what to which object, and when. Append-only: a trigger
// rejects UPDATE, DELETE and TRUNCATE, and every column is typed `never` for updates so that
// code trying to change an entry does not compile.
import type { ColumnType, Insertable, Selectable } from 'kysely';

type Appended<T> = ColumnType<T, T, never>;
type AppendedOptional<T> = ColumnType<T, T | undefined, never>;

export interface AuditLogTable {
  /** bigserial; int8 comes back as a string. */
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
  /** A user id, `api-key:<prefix>`, or `system`. */
  actor: Appended<string>;
  /** e.g. `api_key.created`, `exception.resolved`. */
  action: Appended<string>;
  target_type: AppendedOptional<string | null>;
  target_id: AppendedOptional<string | null>;
  details: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, never>;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
