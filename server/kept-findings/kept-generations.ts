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
import { chSql, join, p, queryRows, render, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { engineClock } from '../../platform/clickhouse/write-watermark.ts';
import type { KeptGenerationMark } from '../../sql/queries/document-keys.sql.ts';

/**
 * A kept read model: its registrations table, its data tables — each under the name its row
 * count is registered as — and the state tables whose changes it follows.
 */
export interface KeptModel<Count extends string = string> {
  registrations: 'sla_clock_generations' | 'duplicate_pair_generations' | 'watched_confirmation_generations' | 'receivable_generations';
  tables: Record<Count, string>;
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

/** A built generation, with the row counts it registered. */
export type KeptBuild<Count extends string> = { generation: string; watermark: string; buildMs: number } & Record<Count, number>;

/**
 * Builds a generation: the statements `write(generation)` gives fill its partitions, in order;
 * then it is registered with each table's row count, and the generations older than `keepMs`
 * are dropped.
 */
export async function buildKeptGeneration<Count extends string>(
  ch: ClickHouseClient,
  model: KeptModel<Count>,
  settingsKey: string,
  write: (generation: string) => ChSql[],
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptBuild<Count>> {
  const started = performance.now();
  const clock = await engineClock(ch, options.marginMs);
  const generation = clock.ms;
  for (const statement of write(generation)) await ch.command(render(statement));
  const tables = Object.entries<string>(model.tables);
  const [counted] = await queryRows<Record<string, string>>(ch, chSql`SELECT ${join(tables.map(([count, table]) =>
    chSql`toString((SELECT count() FROM ${ident(table)} WHERE generation = ${p.uint64(generation)})) AS ${ident(count)}`), ', ')}`);
  const counts = Object.fromEntries(tables.map(([count]) => [count, Number(counted![count])])) as Record<Count, number>;
  const buildMs = Math.round(performance.now() - started);
  await ch.insert({
    table: model.registrations,
    values: [{ generation, watermark: clock.watermark, settings: settingsKey, built_at: clock.now, build_ms: buildMs, ...counts }],
    format: 'JSONEachRow',
  });
  for (const [, table] of tables) await dropGenerationsBefore(ch, table, generation, options.keepMs ?? defaultKeepMs);
  return { generation, watermark: clock.watermark, buildMs, ...counts };
}
