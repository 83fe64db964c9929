// Kept SLA clocks (sql/clickhouse/0023_kept_sla_clocks.sql): building a generation — every
// document in a stage with an SLA policy and its due time — and the stuck rows "now" from it.
// Registration, watermark and dropping: server/kept-findings/kept-generations.ts.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { fitAsValues, maxNamedValues, type DocumentKeys } from '../../sql/queries/document-keys.sql.ts';
import { changedDocumentsSql, clockSettingsKey, keptClocksBuildSql, keptStuckDocumentsSql } from '../../sql/queries/kept-sla-clocks.sql.ts';
import { stuckDocumentsSql, type ClockSettings, type StuckQuery } from '../../sql/queries/stuck-documents.sql.ts';
import { buildKeptGeneration, keptGenerationDue, usableKeptGeneration, type KeptBuild, type KeptModel } from '../kept-findings/kept-generations.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';

const model: KeptModel<'documents'> = { registrations: 'sla_clock_generations', tables: { documents: 'sla_clocks' }, sources: ['document_state'] };


/** The SLA settings a generation is computed with, and their key (calendars included). */
export function clockSettings(settings: FinanceSettings): { clocks: ClockSettings; key: string } {
  const clocks = { policies: settings.slaPolicies, calendarEntities: settings.entities.map((e) => e.entity) };
  return { clocks, key: clockSettingsKey(clocks, { entities: settings.entities, defaultHolidays: settings.defaultHolidays }) };
}

/**
 * The stuck rows of `q` as a subquery: for "now", from the latest generation computed with the
 * same settings and the documents changed since it (found first, so the statement names
 * them); otherwise — as of a past moment, no usable generation, too much changed — recomputed.
 */
export async function stuckRowsSql(ch: ClickHouseClient, settings: FinanceSettings, q: StuckQuery): Promise<ChSql> {
  const kept = q.filter.asOf === undefined ? await usableKeptGeneration(ch, model, clockSettings(settings).key) : undefined;
  if (!kept) return stuckDocumentsSql(q);
  const [changed] = await queryRows<DocumentKeys>(ch, changedDocumentsSql(q, kept, maxNamedValues + 1));
  if (!changed || !fitAsValues(changed.entities, changed.documentTypes, changed.documentIds)) {
    return stuckDocumentsSql(q);
  }
  return keptStuckDocumentsSql(q, kept, changed);
}

/** Builds and registers a generation (options: the watermark's margin, how long older generations stay). */
export async function buildKeptSlaClocks(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptBuild<'documents'>> {
  const { clocks, key } = clockSettings(settings);
  return buildKeptGeneration(ch, model, key, (generation) => [keptClocksBuildSql(generation, clocks)], options);
}

/** Whether a build would change anything: no generation with these settings yet, or documents changed since. */
export const keptSlaClocksDue = (ch: ClickHouseClient, settings: FinanceSettings): Promise<boolean> =>
  keptGenerationDue(ch, model, clockSettings(settings).key);
