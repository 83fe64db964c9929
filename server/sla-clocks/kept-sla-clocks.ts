// Kept SLA clocks (sql/clickhouse/0023_kept_sla_clocks.sql): building a generation — every
// document in a stage with an SLA policy and its due time — and the stuck rows "now" from it.
//
// The watermark is the engine's clock at the build's start moved back past the inserts still
// running (platform/clickhouse/write-watermark.ts): a document whose state rows were written
// after it is read afresh, so rows the build saw or missed while it ran are both covered.
import type { ClickHouseClient } from '@clickhouse/client';
import { dropGenerationsBefore } from '../../platform/clickhouse/numbered-partitions.ts';
import { chSql, p, queryRows, render, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { engineClock } from '../../platform/clickhouse/write-watermark.ts';
import {
  changedDocumentsSql, clockSettingsKey, keptClocksBuildSql, keptStuckDocumentsSql, latestKeptClocksSql,
  type ClockSettings, type KeptClocks,
} from '../../sql/queries/kept-sla-clocks.sql.ts';
import type { DocumentKeys } from '../../sql/queries/document-keys.sql.ts';
import { stuckDocumentsSql, type StuckQuery } from '../../sql/queries/stuck-documents.sql.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';

/** Generations younger than this are kept for statements still reading them. */
const defaultKeepMs = 120_000;
/** More documents changed since the latest generation than this: a read recomputes everything instead. */
const maxChangedDocuments = 5_000;

/** The SLA settings a generation is computed with, and their key (calendars included). */
export function clockSettings(settings: FinanceSettings): { clocks: ClockSettings; key: string } {
  const clocks = { policies: settings.slaPolicies, calendarEntities: settings.entities.map((e) => e.entity) };
  return { clocks, key: clockSettingsKey(clocks, { entities: settings.entities, defaultHolidays: settings.defaultHolidays }) };
}

interface Registration extends KeptClocks {
  settings: string;
}

async function latestKeptClocks(ch: ClickHouseClient): Promise<Registration | undefined> {
  const [latest] = await queryRows<Registration>(ch, latestKeptClocksSql());
  return latest;
}

/**
 * The stuck rows of `q` as a subquery: for "now", from the latest generation computed with the
 * same settings and the documents changed since it (found first, so the statement names
 * them); otherwise — as of a past moment, no usable generation, too much changed — recomputed.
 */
export async function stuckRowsSql(ch: ClickHouseClient, settings: FinanceSettings, q: StuckQuery): Promise<ChSql> {
  const latest = q.filter.asOf === undefined ? await latestKeptClocks(ch) : undefined;
  if (!latest || latest.settings !== clockSettings(settings).key) return stuckDocumentsSql(q);
  const [changed] = await queryRows<DocumentKeys>(ch, changedDocumentsSql(q, latest, maxChangedDocuments + 1));
  if (!changed || changed.entities.length > maxChangedDocuments) return stuckDocumentsSql(q);
  return keptStuckDocumentsSql(q, latest, changed);
}

export interface KeptClocksBuild extends KeptClocks {
  documents: number;
  buildMs: number;
}

/**
 * Builds and registers a generation; drops the generations no read can still be using (older
 * than `keepMs`). `marginMs`: the watermark's margin (platform/clickhouse/write-watermark.ts).
 */
export async function buildKeptSlaClocks(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptClocksBuild> {
  const started = performance.now();
  const { clocks, key } = clockSettings(settings);
  const clock = await engineClock(ch, options.marginMs);
  const generation = clock.ms;
  await ch.command(render(keptClocksBuildSql(generation, clocks)));
  const [counted] = await queryRows<{ documents: string }>(ch, chSql`
    SELECT toString(count()) AS documents FROM sla_clocks WHERE generation = ${p.uint64(generation)}`);
  const buildMs = Math.round(performance.now() - started);
  const build = { generation, watermark: clock.watermark, documents: Number(counted!.documents), buildMs };
  await ch.insert({
    table: 'sla_clock_generations',
    values: [{ generation, watermark: clock.watermark, settings: key, built_at: clock.now, documents: build.documents, build_ms: buildMs }],
    format: 'JSONEachRow',
  });
  const keepMs = options.keepMs ?? defaultKeepMs;
  await dropGenerationsBefore(ch, 'sla_clocks', generation, keepMs);
  return build;
}

/** Whether a build would change anything: no generation yet, other settings, or documents changed since the latest. */
export async function keptSlaClocksDue(ch: ClickHouseClient, settings: FinanceSettings): Promise<boolean> {
  const latest = await latestKeptClocks(ch);
  if (!latest || latest.settings !== clockSettings(settings).key) return true;
  const [row] = await queryRows<{ changed: number }>(ch, chSql`
    SELECT count() > 0 AS changed FROM document_state WHERE inserted_at > ${p.dateTime64(latest.watermark)}`);
  return Boolean(row?.changed);
}
