// The open entries and documents of one incremental pass of rules 2 to 4, written once to
// matching_candidates (sql/clickhouse/0019_matching_candidates.sql) for the three rules to
// read, and dropped when the pass ends. A pass id is epoch ms × 1000 + a random part, so
// passes of matchers in several processes never share a partition, and one a crashed run
// left behind can be told by its age.
import { randomInt } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { dropNumberedPartition, numberedPartitions } from '../../platform/clickhouse/numbered-partitions.ts';
import { render } from '../../platform/clickhouse/sql-template.ts';
import { matchingCandidatesSql, type MatchingChanges } from '../../sql/queries/payment-matching-rules.sql.ts';

/** A pass's partition older than this is a crashed run's and is dropped. */
const abandonedAfterMs = 60 * 60_000;

/**
 * Runs `rules` with the pass's candidates written: `changes` with `candidates` set, read from
 * `writtenFrom` (the pass's start on the engine's clock) on. The partition goes whatever happens.
 */
export async function withPassCandidates<T>(
  ch: ClickHouseClient,
  changes: MatchingChanges,
  writtenFrom: string,
  rules: (withCandidates: MatchingChanges) => Promise<T>,
): Promise<T> {
  const pass = (BigInt(Date.now()) * 1000n + BigInt(randomInt(1000))).toString();
  try {
    await ch.command(render(matchingCandidatesSql(pass, changes)));
    return await rules({ ...changes, candidates: { pass, writtenFrom } });
  } finally {
    await dropNumberedPartition(ch, 'matching_candidates', pass);
  }
}

/** When each client last looked for abandoned passes (epoch ms). */
const lastSweep = new WeakMap<ClickHouseClient, number>();

/** Drops the passes crashed runs left behind (an hour old or more); looks at most once an hour per client. */
export async function dropAbandonedPasses(ch: ClickHouseClient): Promise<void> {
  const now = Date.now();
  if (now - (lastSweep.get(ch) ?? 0) < abandonedAfterMs) return;
  lastSweep.set(ch, now);
  const before = BigInt(now - abandonedAfterMs) * 1000n;
  for (const pass of await numberedPartitions(ch, 'matching_candidates')) {
    if (BigInt(pass) < before) await dropNumberedPartition(ch, 'matching_candidates', pass);
  }
}
