// Builds one generation of a state table's snapshot (sql/clickhouse/0010_state_snapshots.sql)
// and registers it in state_snapshots — readers only see a generation once it is complete.
//   base     the whole state merged into plain rows (cost: every document);
//   overlay  only the documents with state rows written since the base's watermark, merged
//            whole (cost: what changed since the base). Without a base, a base is built.
// Generations neither current nor younger than a couple of minutes are dropped (a statement
// that started on an older one can still finish).
//
// The watermark: documents whose state rows were written after it are merged afresh by
// readers. It is the engine's clock at the start of the build, moved back past the inserts
// still running (platform/clickhouse/write-watermark.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import { dropNumberedPartition, numberedPartitions } from '../../platform/clickhouse/numbered-partitions.ts';
import { chSql, p, queryRows, render } from '../../platform/clickhouse/sql-template.ts';
import { engineClock } from '../../platform/clickhouse/write-watermark.ts';
import { buildSnapshotSql } from '../../sql/queries/state-snapshot-builds.sql.ts';
import { latestSnapshotSql, stateTables, type SnapshottedState } from '../../sql/queries/state-snapshots.sql.ts';

export type SnapshotKind = 'base' | 'overlay';

export interface SnapshotBuild {
  state: SnapshottedState;
  kind: SnapshotKind;
  generation: string;
  baseGeneration: string;
  watermark: string;
  documents: number;
  buildMs: number;
}

/** Generations younger than this are kept for statements still reading them. */
const defaultKeepMs = 120_000;

interface Latest {
  generation: string;
  base_generation: string;
  watermark: string;
}

export async function latestSnapshot(ch: ClickHouseClient, state: SnapshottedState): Promise<Latest | undefined> {
  const [latest] = await queryRows<Latest>(ch, latestSnapshotSql(state));
  return latest && latest.generation !== '0' ? latest : undefined;
}

export async function buildStateSnapshot(
  ch: ClickHouseClient,
  state: SnapshottedState,
  options: { kind?: SnapshotKind; marginMs?: number; keepMs?: number } = {},
): Promise<SnapshotBuild> {
  const started = performance.now();
  const latest = await latestSnapshot(ch, state);
  const kind: SnapshotKind = options.kind === 'overlay' && latest ? 'overlay' : 'base';
  const clock = await engineClock(ch, options.marginMs);
  const generation = clock.ms;
  let baseGeneration = generation;
  let since;
  if (kind === 'overlay') {
    baseGeneration = latest!.base_generation;
    const [base] = await queryRows<{ watermark: string }>(ch, chSql`
      SELECT toString(watermark) AS watermark FROM state_snapshots WHERE state_table = ${p.string(state)} AND generation = ${p.uint64(baseGeneration)}`);
    since = chSql`${p.dateTime64(base!.watermark)}`;
  }
  await ch.command(render(buildSnapshotSql[state](chSql`${p.uint64(generation)}`, since)));
  const table = stateTables[state].snapshotName;
  const [counted] = await queryRows<{ documents: string }>(ch, chSql`
    SELECT toString(count()) AS documents FROM ${stateTables[state].snapshot}
    WHERE generation = ${p.uint64(generation)}`);
  const documents = Number(counted!.documents);
  const buildMs = Math.round(performance.now() - started);
  await ch.insert({
    table: 'state_snapshots',
    values: [{ state_table: state, generation, base_generation: baseGeneration, watermark: clock.watermark, built_at: clock.now, documents, build_ms: buildMs }],
    format: 'JSONEachRow',
  });
  await dropOldGenerations(ch, table, [generation, baseGeneration], options.keepMs ?? defaultKeepMs);
  return { state, kind, generation, baseGeneration, watermark: clock.watermark, documents, buildMs };
}

/** Drops every generation older than keepMs that is not in `current` (generations are epoch milliseconds). */
async function dropOldGenerations(ch: ClickHouseClient, table: string, current: string[], keepMs: number): Promise<void> {
  const newest = current.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
  const old = (await numberedPartitions(ch, table)).filter((g) => !current.includes(g) && BigInt(g) < BigInt(newest) - BigInt(keepMs));
  for (const g of old) await dropNumberedPartition(ch, table, g);
}
