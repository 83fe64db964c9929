// The unmatched payments the matcher keeps after each run (0018_unmatched_payment_items.sql,
// sql/queries/unmatched-payment-items.sql.ts): writing a run's rows, starting a new epoch
// when needed, and dropping old epochs. The mark a read uses comes with the latest run
// (latestUnmatchedItemsMark in payment-matcher.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import { dropNumberedPartition, numberedPartitions } from '../../platform/clickhouse/numbered-partitions.ts';
import { chSql, p, queryRows, render } from '../../platform/clickhouse/sql-template.ts';
import { documentsToFlagSql, flagUnmatchedItemsSql } from '../../sql/queries/unmatched-payment-items.sql.ts';

/** Closed rows beyond this many (and beyond twice the open ones) start a new epoch. */
const closedRowsBeforeNewEpoch = 50_000;

export interface UnmatchedItemsRun {
  /** The previous run's epoch (0: none: this run writes a new one). */
  previousEpoch: number;
  /** false: a full matcher run (everything may have changed: a new epoch). */
  incremental: boolean;
  /** The previous run's watermark. */
  since: string;
  /** The run's start on the engine's clock ('YYYY-MM-DD hh:mm:ss.sss'), and as epoch ms. */
  runStart: string;
  runMs: number;
}

/** Writes the run's rows; returns the epoch they are in (the run registers it). */
export async function keepUnmatchedItems(ch: ClickHouseClient, run: UnmatchedItemsRun): Promise<number> {
  let epoch = run.incremental ? run.previousEpoch : 0;
  if (epoch > 0) {
    const [rows] = await queryRows<{ rows: string; open: string }>(ch, chSql`
      SELECT toString(count()) AS rows, toString(countIf(open = 1)) AS open FROM unmatched_payment_items WHERE epoch = ${p.uint64(epoch)}`);
    if (Number(rows!.rows) > 2 * Number(rows!.open) + closedRowsBeforeNewEpoch) epoch = 0;
  }
  if (epoch === 0) {
    await ch.command(render(flagUnmatchedItemsSql({ epoch: run.runMs, now: run.runStart, documents: 'all' })));
    return run.runMs;
  }
  await ch.command(render(flagUnmatchedItemsSql({ epoch, now: run.runStart, documents: documentsToFlagSql(run.since, run.runStart) })));
  return epoch;
}

/** Drops the epochs before `keepFrom` (a read still on the previous run's epoch keeps it). */
export async function dropEpochsBefore(ch: ClickHouseClient, keepFrom: number): Promise<void> {
  const old = (await numberedPartitions(ch, 'unmatched_payment_items')).filter((e) => BigInt(e) < BigInt(keepFrom));
  for (const e of old) await dropNumberedPartition(ch, 'unmatched_payment_items', e);
}
