// Tables partitioned by a number the code chose (an epoch-ms generation or epoch, a matcher
// pass): listing their active partitions and dropping one. The state snapshots, the matcher's
// unmatched payments and its per-pass candidates keep partitions this way and drop old ones.
//
// On a cluster (CLICKHOUSE_CLUSTER) the name the code uses is a Distributed table in front of
// `<name>_local` (sql/clickhouse/ templates): partitions are listed on the local table and
// dropped from it on every node (ON CLUSTER), as the Distributed table's engine names them.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows } from './sql-template.ts';

/** Where a table's partitions live: the table itself, or the local table behind a Distributed one. */
export interface PartitionHome {
  /** The table whose parts hold the partitions (in the connection's database). */
  local: string;
  /** The statement target for ALTER … DROP PARTITION (with ON CLUSTER when distributed). */
  alterTarget: string;
}

const identifier = /^[A-Za-z_][\w.-]*$/;

/** The partition home of `table`, given its engine_full from system.tables. */
export function partitionHomeOf(table: string, engineFull: string | undefined): PartitionHome {
  if (!engineFull?.startsWith('Distributed(')) return { local: table, alterTarget: table };
  const m = engineFull.match(/^Distributed\(\s*'?([^',\s)]+)'?\s*,\s*'?([^',\s)]+)'?\s*,\s*'?([^',\s)]+)'?/);
  const [, cluster, database, local] = (m ?? []) as [string?, string?, string?, string?];
  if (!cluster || !database || !local || ![cluster, database, local].every((x) => identifier.test(x))) {
    throw new Error(`unexpected Distributed engine for ${table}: ${engineFull}`);
  }
  return { local, alterTarget: `${database}.${local} ON CLUSTER ${cluster}` };
}

const homes = new WeakMap<ClickHouseClient, Map<string, Promise<PartitionHome>>>();

/** The partition home of `table` (a fixed table name of the caller's), looked up once per client. */
function homeOf(ch: ClickHouseClient, table: string): Promise<PartitionHome> {
  let known = homes.get(ch);
  if (!known) homes.set(ch, (known = new Map()));
  let home = known.get(table);
  if (!home) {
    home = queryRows<{ engine_full: string }>(ch, chSql`
      SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = ${p.string(table)}`)
      .then(([row]) => partitionHomeOf(table, row?.engine_full));
    home.catch(() => known!.delete(table));
    known.set(table, home);
  }
  return home;
}

/** The active partitions of `table` (in the connection's database) whose key is a number. */
export async function numberedPartitions(ch: ClickHouseClient, table: string): Promise<string[]> {
  const { local } = await homeOf(ch, table);
  const rows = await queryRows<{ partition: string }>(ch, chSql`
    SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = ${p.string(local)} AND active`);
  return rows.map((r) => r.partition).filter((g) => /^\d+$/.test(g));
}

/** Drops partition `value` of `table` (a fixed table name of the caller's; the value is checked to be a number). */
export async function dropNumberedPartition(ch: ClickHouseClient, table: string, value: string): Promise<void> {
  if (!/^\d+$/.test(value)) throw new Error(`not a numbered partition: ${value}`);
  const { alterTarget } = await homeOf(ch, table);
  await ch.command({ query: `ALTER TABLE ${alterTarget} DROP PARTITION ${value}` });
}

/**
 * Drops the partitions of `table` numbered below `current − keepMs` (generations numbered by
 * epoch ms): the ones no statement can still be reading once `current` is registered.
 */
export async function dropGenerationsBefore(ch: ClickHouseClient, table: string, current: string, keepMs: number): Promise<void> {
  for (const old of await numberedPartitions(ch, table)) {
    if (old !== current && BigInt(old) < BigInt(current) - BigInt(keepMs)) await dropNumberedPartition(ch, table, old);
  }
}
