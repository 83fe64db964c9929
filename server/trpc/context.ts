// What every procedure receives: the stores, passed in — no singletons — so tests build
// a context without an HTTP request and call routers through createCaller.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';

export interface Context {
  ch: ClickHouseClient;
  db: Kysely<Database>;
  /** Who acts, for the audit log. Until users and roles exist every caller is the local operator. */
  actor: string;
}

export function createContextInner(deps: { ch: ClickHouseClient; db: Kysely<Database>; actor?: string }): Context {
  return { ch: deps.ch, db: deps.db, actor: deps.actor ?? 'local-operator' };
}
