// Keeps the state snapshots fresh in the background. Every few seconds, per state table:
//   - no snapshot yet, or the documents changed since the base have grown past a share of it,
//     or the base is old → a new base (cost: the whole state);
//   - otherwise, any state row written since the latest generation → an overlay (cost: the
//     documents changed since the base).
// Readers are exact either way; this only keeps what they merge afresh small, so "now" reads
// stay fast.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '../../platform/logging/logger.ts';
import { chSql, p, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { snapshottedStates, stateTables, type SnapshottedState } from '../../sql/queries/state-snapshots.sql.ts';
import { startBackgroundLoop, type BackgroundLoop } from '../../platform/process/background-loop.ts';
import { buildStateSnapshot, type SnapshotBuild, type SnapshotKind } from './build-state-snapshot.ts';

export interface SnapshotPolicy {
  /** A new base once the documents changed since the base are this share of it… */
  rebaseShare: number;
  /** …or the base is this old. */
  maxBaseAgeMs: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { rebaseShare: 0.1, maxBaseAgeMs: 60 * 60_000 };

interface Pending {
  generation: string;
  base_documents: string;
  base_age_ms: string;
  changed_since_latest: string;
  changed_since_base: string;
}

/** What `state`'s snapshot needs now: a base, an overlay, or nothing. */
export async function snapshotDue(ch: ClickHouseClient, state: SnapshottedState, policy: SnapshotPolicy): Promise<SnapshotKind | undefined> {
  const { state: table, key } = stateTables[state];
  const [row] = await queryRows<Pending>(ch, chSql`
    WITH (SELECT argMax((generation, base_generation, watermark), generation) FROM state_snapshots WHERE state_table = ${p.string(state)}) AS latest,
         (SELECT argMax((watermark, documents, built_at), generation) FROM state_snapshots
          WHERE state_table = ${p.string(state)} AND generation = base_generation) AS base
    SELECT toString(latest.1) AS generation, toString(base.2) AS base_documents,
           toString(dateDiff('millisecond', base.3, now64(3))) AS base_age_ms,
           toString((SELECT count() FROM ${table} WHERE inserted_at > latest.3)) AS changed_since_latest,
           toString((SELECT uniqExact${key} FROM ${table} WHERE inserted_at > base.1)) AS changed_since_base`);
  if (!row || row.generation === '0') return 'base';
  if (Number(row.changed_since_latest) === 0) return undefined;
  const rebase = Number(row.changed_since_base) >= policy.rebaseShare * Number(row.base_documents) || Number(row.base_age_ms) >= policy.maxBaseAgeMs;
  return rebase ? 'base' : 'overlay';
}

/** One turn of the loop: every state's snapshot brought up to date as due (built builds returned). */
export async function refreshStateSnapshots(
  ch: ClickHouseClient,
  policy: SnapshotPolicy = defaultSnapshotPolicy,
  stopped: () => boolean = () => false,
): Promise<SnapshotBuild[]> {
  const builds: SnapshotBuild[] = [];
  for (const state of snapshottedStates) {
    if (stopped()) break;
    const kind = await snapshotDue(ch, state, policy);
    if (kind) builds.push(await buildStateSnapshot(ch, state, { kind }));
  }
  return builds;
}

export function startStateSnapshotLoop(
  deps: { ch: ClickHouseClient; log: Logger },
  options: { intervalMs?: number; policy?: SnapshotPolicy } = {},
): BackgroundLoop {
  return startBackgroundLoop({
    name: 'state snapshots',
    log: deps.log,
    intervalMs: options.intervalMs ?? 5_000,
    runAtStart: true, // the first generation right away
    run: async (stopped) => {
      for (const build of await refreshStateSnapshots(deps.ch, options.policy, stopped)) deps.log.debug(build, 'state snapshot built');
    },
  });
}
