// What every kept read model (the SLA clocks of stuck documents, the duplicate pairs, …) does
// the same way: a generation is written into partitions of its own tables, numbered by its
// build's start on the engine's clock, and becomes visible once registered with its watermark
// and the settings it was computed with; a read uses the latest registration if the settings
// match; generations no read can still be using are dropped.
//
// The watermark is the engine's clock at the build's start moved back past the inserts still
// running (platform/clickhouse/write-watermark.ts): a document whose state rows were written
// after it is read afresh, so rows the build saw or missed while it ran are both covered.
import type { ClickHouseClient } from '@clickhouse/client';
import { dropGenerationsBefore } from '../../platform/clickhouse/numbered-partitions.ts';
import { chSql, p, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { engineClock } from '../../platform/clickhouse/write-watermark.ts';
import type { KeptGenerationMark } from '../../sql/queries/document-keys.sql.ts';

/** A kept read model: its registrations table, its data tables and the state tables whose changes it follows. */
export interface KeptModel {
  registrations: 'sla_clock_generations' | 'duplicate_pair_generations' | 'watched_confirmation_generations' | 'receivable_generations';
  tables: string[];
  sources: ('document_state' | 'invoice_capture_state' | 'payment_confirmation_state' | 'settlement_state' | 'receivables_state')[];
}

/** A registered generation: its mark (number; watermark, after which source rows are read afresh) and settings. */
export interface KeptGeneration extends KeptGenerationMark {
  /** The settings key the generation was computed with. */
  settings: string;
}

/** Generations younger than this are kept for statements still reading them. */
const defaultKeepMs = 120_000;

const ident = (name: string) => ({ kind: 'sql' as const, parts: [name], values: [] });

/** The latest registered generation, whatever its settings (undefined: none yet). */
export async function latestKeptGeneration(ch: ClickHouseClient, model: KeptModel): Promise<KeptGeneration | undefined> {
  const [latest] = await queryRows<KeptGeneration>(ch, chSql`
    SELECT toString(generation) AS generation, toString(watermark) AS watermark, settings
    FROM ${ident(model.registrations)} ORDER BY generation DESC LIMIT 1`);
  return latest;
}

/** The generation a read under `settingsKey` may use: the latest, if computed with those settings. */
export async function usableKeptGeneration(ch: ClickHouseClient, model: KeptModel, settingsKey: string): Promise<KeptGeneration | undefined> {
  const latest = await latestKeptGeneration(ch, model);
  return latest?.settings === settingsKey ? latest : undefined;
}

/** Whether a build would change anything: no generation yet, other settings, or source rows written since the latest. */
export async function keptGenerationDue(ch: ClickHouseClient, model: KeptModel, settingsKey: string): Promise<boolean> {
  const latest = await usableKeptGeneration(ch, model, settingsKey);
  if (!latest) return true;
  for (const source of model.sources) {
    const [row] = await queryRows<{ changed: number }>(ch, chSql`
      SELECT count() > 0 AS changed FROM ${ident(source)} WHERE inserted_at > ${p.dateTime64(latest.watermark)}`);
    if (row?.changed) return true;
  }
  return false;
}

/** A built generation, with the counts its writer registered. */
export type KeptBuild<Counts> = { generation: string; watermark: string; buildMs: number } & Counts;

/**
 * Builds a generation: `write(generation)` fills its partitions and returns the counts to
 * register; then it is registered, and the generations older than `keepMs` are dropped.
 */
export async function buildKeptGeneration<Counts extends Record<string, number>>(
  ch: ClickHouseClient,
  model: KeptModel,
  settingsKey: string,
  write: (generation: string) => Promise<Counts>,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptBuild<Counts>> {
  const started = performance.now();
  const clock = await engineClock(ch, options.marginMs);
  const generation = clock.ms;
  const counts = await write(generation);
  const buildMs = Math.round(performance.now() - started);
  await ch.insert({
    table: model.registrations,
    values: [{ generation, watermark: clock.watermark, settings: settingsKey, built_at: clock.now, build_ms: buildMs, ...counts }],
    format: 'JSONEachRow',
  });
  for (const table of model.tables) await dropGenerationsBefore(ch, table, generation, options.keepMs ?? defaultKeepMs);
  return { generation, watermark: clock.watermark, buildMs, ...counts };
}
