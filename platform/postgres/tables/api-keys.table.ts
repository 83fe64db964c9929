// Row types of `api_keys`: credentials with which source systems push to ingest, each scoped to
// source patterns. Only a hash of the secret is stored; `key_prefix` finds the row to check.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  /** Short public part of the key, shown in lists and used to look the key up. */
  key_prefix: string;
  /** Hash of the secret part; the secret itself is never stored. */
  key_hash: string;
  /** Sources the key may push to, e.g. `ap/*`. */
  source_patterns: string[];
  created_at: ColumnType<Date, Date | string | undefined, never>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type ApiKey = Selectable<ApiKeysTable>;
export type NewApiKey = Insertable<ApiKeysTable>;
export type ApiKeyUpdate = Updateable<ApiKeysTable>;
