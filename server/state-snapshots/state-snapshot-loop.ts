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
import { stateTables, type SnapshottedState } from '../../sql/queries/state-snapshots.sql.ts';
import { startBackgroundLoop, type BackgroundLoop } from '../../platform/process/background-loop.ts';
import { buildStateSnapshot, type SnapshotKind } from './build-state-snapshot.ts';

export interface SnapshotPolicy {
  /** A new base once the documents changed since the base are this share of it… */
  rebaseShare: number;
  /** …or the base is this old. */
  maxBaseAgeMs: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { rebaseShare: 0.1, maxBaseAgeMs: 60 * 60_000 };

const states: SnapshottedState[] = ['document_state', 'settlement_state'];

interface Pending {
  generation: string;
  base_documents: string;
  base_age_ms: string;
  changed_since_latest: string;
  changed_since_base: string;
}

/** What `state`'s snapshot needs now: a base, an overlay, or nothing. */
export async function snapshotDue(ch: ClickHouseClient, state: SnapshottedState, policy: SnapshotPolicy): Promise<SnapshotKind | undefined> {
  const table = stateTables[state].state;
  const [row] = await queryRows<Pending>(ch, chSql`
    WITH (SELECT argMax((generation, base_generation, watermark), generation) FROM state_snapshots WHERE state_table = ${p.string(state)}) AS latest,
         (SELECT argMax((watermark, documents, built_at), generation) FROM state_snapshots
          WHERE state_table = ${p.string(state)} AND generation = base_generation) AS base
    SELECT toString(latest.1) AS generation, toString(base.2) AS base_documents,
           toString(dateDiff('millisecond', base.3, now64(3))) AS base_age_ms,
           toString((SELECT count() FROM ${table} WHERE inserted_at > latest.3)) AS changed_since_latest,
           toString((SELECT uniqExact(entity, document_type, document_id) FROM ${table} WHERE inserted_at > base.1)) AS changed_since_base`);
  if (!row || row.generation === '0') return 'base';
  if (Number(row.changed_since_latest) === 0) return undefined;
  const rebase = Number(row.changed_since_base) >= policy.rebaseShare * Number(row.base_documents) || Number(row.base_age_ms) >= policy.maxBaseAgeMs;
  return rebase ? 'base' : 'overlay';
}

export function startStateSnapshotLoop(
  deps: { ch: ClickHouseClient; log: Logger },
  options: { intervalMs?: number; policy?: SnapshotPolicy } = {},
): BackgroundLoop {
  const policy = options.policy ?? defaultSnapshotPolicy;
  return startBackgroundLoop({
    name: 'state snapshots',
    log: deps.log,
    intervalMs: options.intervalMs ?? 5_000,
    runAtStart: true, // the first generation right away
    run: async (stopped) => {
      for (const state of states) {
        if (stopped()) return;
        const kind = await snapshotDue(deps.ch, state, policy);
        if (!kind) continue;
        const build = await buildStateSnapshot(deps.ch, state, { kind });
        deps.log.debug(build, 'state snapshot built');
      }
    },
  });
}
