// What every procedure receives: the stores, passed in — no singletons — so tests build
// a context without an HTTP request and call routers through createCaller.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';
import type { LatestResultCache } from '../metrics/snapshots/latest-result-cache.ts';

export interface Context {
  ch: ClickHouseClient;
  db: Kysely<Database>;
  /** Who acts, for the audit log. Until users and roles exist every caller is the local operator. */
  actor: string;
  /** Latest metric answers kept by a serving process (see metrics/snapshots/served-metric.ts); absent = always compute. */
  results?: LatestResultCache<unknown>;
}

export function createContextInner(deps: { ch: ClickHouseClient; db: Kysely<Database>; actor?: string; results?: LatestResultCache<unknown> }): Context {
  return { ch: deps.ch, db: deps.db, actor: deps.actor ?? 'local-operator', results: deps.results };
}
