// Tables partitioned by a number the code chose (an epoch-ms generation or epoch): listing
// their active partitions and dropping one. The state snapshots and the matcher's unmatched
// payments keep generations this way and drop the old ones.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows } from './sql-template.ts';

/** The active partitions of `table` (in the connection's database) whose key is a number. */
export async function numberedPartitions(ch: ClickHouseClient, table: string): Promise<string[]> {
  const rows = await queryRows<{ partition: string }>(ch, chSql`
    SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = ${p.string(table)} AND active`);
  return rows.map((r) => r.partition).filter((g) => /^\d+$/.test(g));
}

/** Drops partition `value` of `table` (a fixed table name of the caller's; the value is checked to be a number). */
export async function dropNumberedPartition(ch: ClickHouseClient, table: string, value: string): Promise<void> {
  if (!/^\d+$/.test(value)) throw new Error(`not a numbered partition: ${value}`);
  await ch.command({ query: `ALTER TABLE ${table} DROP PARTITION ${value}` });
}
