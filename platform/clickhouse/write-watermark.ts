// The engine's clock, for a job that records up to when it has seen the rows written to a
// table (inserted_at = the engine's clock when the row was written) and next looks only at
// rows written after that watermark: state snapshots, the payment matcher.
//
// A row may become visible after the clock is read while its inserted_at is earlier: its
// insert was still running (inserted_at is the insert's start). So the watermark is the clock
// moved back past every insert still running, and a margin for one starting while the clock
// is read. Only this server's inserts are seen in system.processes; on a cluster the margin
// must cover the others.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows } from './sql-template.ts';

/** Room for an insert that starts while the clock is read. */
export const defaultWatermarkMarginMs = 2_000;

export interface EngineClock {
  /** The clock, epoch milliseconds (generation and run ids). */
  ms: string;
  /** The clock, 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  now: string;
  /** Rows written after this may not have been seen by a read started now. */
  watermark: string;
}

export async function engineClock(ch: ClickHouseClient, marginMs = defaultWatermarkMarginMs): Promise<EngineClock> {
  const [clock] = await queryRows<EngineClock>(ch, chSql`
    SELECT toString(toUnixTimestamp64Milli(now64(3))) AS ms, toString(now64(3)) AS now,
           toString(now64(3) - toIntervalMillisecond(${p.uint32(marginMs)} + toUInt32(1000 * (SELECT max(elapsed) FROM system.processes WHERE query_kind = 'Insert')))) AS watermark`);
  return clock!;
}
