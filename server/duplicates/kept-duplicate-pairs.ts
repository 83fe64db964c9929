// Kept duplicate pairs (sql/clickhouse/0022_kept_duplicate_pairs.sql): building a generation —
// every live capture and the pairs among them, as invoice_capture_state holds them — and the
// pairs "now" from it. Registration, watermark and dropping: server/kept-findings/kept-generations.ts.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { fitAsValues, maxNamedValues } from '../../sql/queries/document-keys.sql.ts';
import { duplicateInvoicePairsSql, type DuplicateQuery, type PairingSettings } from '../../sql/queries/duplicate-invoice-pairs.sql.ts';
import {
  changedInvoicesSql, keptCapturesBuildSql, keptDuplicateInvoicePairsSql, keptPairsBuildSql, pairingSettingsKey, touchedGroupsSql,
  type ChangedInvoices, type TouchedGroups,
} from '../../sql/queries/kept-duplicate-pairs.sql.ts';
import { buildKeptGeneration, keptGenerationDue, usableKeptGeneration, type KeptBuild, type KeptModel } from '../kept-findings/kept-generations.ts';
import type { FinanceSettings, MatchingSettings } from '../settings/finance-settings.ts';

const model: KeptModel<'captures' | 'pairs'> = {
  registrations: 'duplicate_pair_generations',
  tables: { captures: 'duplicate_captures', pairs: 'duplicate_pairs' },
  sources: ['invoice_capture_state'],
};


/** The duplicate window and distance per entity, from the matching settings. */
export function pairingSettings(settings: FinanceSettings): PairingSettings {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  const perEntity = (pick: (m: MatchingSettings) => number) =>
    ({ entities: own, values: own.map((e) => pick(settings.matching[e]!)), fallback: pick(settings.matching['*']!) });
  return { windowDays: perEntity((m) => m.duplicateWindowDays), maxDistance: perEntity((m) => m.duplicateMaxDistance) };
}

/**
 * The pairs of `q` as a subquery: for "now", from the latest generation built with the same
 * settings and the invoices changed since it (found first, so the statement names them);
 * otherwise — as of a past moment, no usable generation, too much changed — recomputed.
 */
export async function duplicatePairsSql(ch: ClickHouseClient, q: DuplicateQuery): Promise<ChSql> {
  const kept = q.current ? await usableKeptGeneration(ch, model, pairingSettingsKey(q)) : undefined;
  if (!kept) return duplicateInvoicePairsSql(q);
  const [changed] = await queryRows<ChangedInvoices>(ch, changedInvoicesSql(q, kept, maxNamedValues + 1));
  if (!changed || !fitAsValues(changed.entities, changed.documentIds)) return duplicateInvoicePairsSql(q);
  if (changed.entities.length === 0) return keptDuplicateInvoicePairsSql(q, kept);
  const [touched] = await queryRows<TouchedGroups>(ch, touchedGroupsSql(q, kept, changed));
  if (!touched || !fitAsValues(touched.entities, touched.counterpartyIds, touched.currencies, touched.amounts)) return duplicateInvoicePairsSql(q);
  return keptDuplicateInvoicePairsSql(q, kept, changed, touched);
}

/** Builds and registers a generation (options: the watermark's margin, how long older generations stay). */
export async function buildKeptDuplicatePairs(
  ch: ClickHouseClient,
  settings: PairingSettings,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptBuild<'captures' | 'pairs'>> {
  return buildKeptGeneration(ch, model, pairingSettingsKey(settings),
    (generation) => [keptCapturesBuildSql(generation), keptPairsBuildSql(generation, settings)], options);
}

/** Whether a build would change anything: no generation with these settings yet, or invoices changed since. */
export const keptPairsDue = (ch: ClickHouseClient, settings: PairingSettings): Promise<boolean> =>
  keptGenerationDue(ch, model, pairingSettingsKey(settings));
