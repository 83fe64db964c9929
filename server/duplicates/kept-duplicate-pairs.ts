// Kept duplicate pairs (sql/clickhouse/0022_kept_duplicate_pairs.sql): building a generation —
// every live capture and the pairs among them, as invoice_capture_state holds them — and
// finding the one a "now" read may use.
//
// The watermark is the engine's clock at the build's start moved back past the inserts still
// running (platform/clickhouse/write-watermark.ts): an invoice whose state rows were written
// after it is read afresh, so rows the build saw or missed while it ran are both covered.
import type { ClickHouseClient } from '@clickhouse/client';
import { dropGenerationsBefore } from '../../platform/clickhouse/numbered-partitions.ts';
import { chSql, p, queryRows, render, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { engineClock } from '../../platform/clickhouse/write-watermark.ts';
import { duplicateInvoicePairsSql, type DuplicateQuery, type PairingSettings } from '../../sql/queries/duplicate-invoice-pairs.sql.ts';
import {
  changedInvoicesSql, keptCapturesBuildSql, keptDuplicateInvoicePairsSql, keptPairsBuildSql, latestKeptPairsSql, pairingSettingsKey,
  touchedGroupsSql, type ChangedInvoices, type KeptPairs, type TouchedGroups,
} from '../../sql/queries/kept-duplicate-pairs.sql.ts';
import type { FinanceSettings, MatchingSettings } from '../settings/finance-settings.ts';

/** Generations younger than this are kept for statements still reading them. */
const defaultKeepMs = 120_000;

/** More invoices changed since the latest generation than this: a read recomputes everything instead. */
const maxChangedInvoices = 5_000;

/** The duplicate window and distance per entity, from the matching settings. */
export function pairingSettings(settings: FinanceSettings): PairingSettings {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  const perEntity = (pick: (m: MatchingSettings) => number) =>
    ({ entities: own, values: own.map((e) => pick(settings.matching[e]!)), fallback: pick(settings.matching['*']!) });
  return { windowDays: perEntity((m) => m.duplicateWindowDays), maxDistance: perEntity((m) => m.duplicateMaxDistance) };
}

interface Registration extends KeptPairs {
  settings: string;
}

/** The latest generation, whatever its settings (undefined: none yet). */
export async function latestKeptPairs(ch: ClickHouseClient): Promise<Registration | undefined> {
  const [latest] = await queryRows<Registration>(ch, latestKeptPairsSql());
  return latest;
}

/** The generation a "now" read under `settings` may use: the latest, if it was built with them. */
export async function usableKeptPairs(ch: ClickHouseClient, settings: PairingSettings): Promise<KeptPairs | undefined> {
  const latest = await latestKeptPairs(ch);
  return latest && latest.settings === pairingSettingsKey(settings) ? { generation: latest.generation, watermark: latest.watermark } : undefined;
}

/**
 * The pairs of `q` as a subquery: for "now", from the latest generation built with the same
 * settings and the invoices changed since it (found first, so the statement names them);
 * otherwise — as of a past moment, no usable generation, too much changed — recomputed.
 */
export async function duplicatePairsSql(ch: ClickHouseClient, q: DuplicateQuery): Promise<ChSql> {
  const kept = q.current ? await usableKeptPairs(ch, q) : undefined;
  if (!kept) return duplicateInvoicePairsSql(q);
  const [changed] = await queryRows<ChangedInvoices>(ch, changedInvoicesSql(q, kept, maxChangedInvoices + 1));
  if (!changed || changed.entities.length > maxChangedInvoices) return duplicateInvoicePairsSql(q);
  if (changed.entities.length === 0) return keptDuplicateInvoicePairsSql(q, kept);
  const [touched] = await queryRows<TouchedGroups>(ch, touchedGroupsSql(q, kept, changed));
  return keptDuplicateInvoicePairsSql(q, kept, changed, touched);
}

export interface KeptPairsBuild extends KeptPairs {
  captures: number;
  pairs: number;
  buildMs: number;
}

/**
 * Builds and registers a generation; drops the generations no read can still be using (older
 * than `keepMs`). `marginMs`: the watermark's margin (platform/clickhouse/write-watermark.ts).
 */
export async function buildKeptDuplicatePairs(
  ch: ClickHouseClient,
  settings: PairingSettings,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptPairsBuild> {
  const started = performance.now();
  const keepMs = options.keepMs ?? defaultKeepMs;
  const clock = await engineClock(ch, options.marginMs);
  const generation = clock.ms;
  await ch.command(render(keptCapturesBuildSql(generation)));
  await ch.command(render(keptPairsBuildSql(generation, settings)));
  const [counted] = await queryRows<{ captures: string; pairs: string }>(ch, chSql`
    SELECT toString((SELECT count() FROM duplicate_captures WHERE generation = ${p.uint64(generation)})) AS captures,
           toString((SELECT count() FROM duplicate_pairs WHERE generation = ${p.uint64(generation)})) AS pairs`);
  const buildMs = Math.round(performance.now() - started);
  const build = { generation, watermark: clock.watermark, captures: Number(counted!.captures), pairs: Number(counted!.pairs), buildMs };
  await ch.insert({
    table: 'duplicate_pair_generations',
    values: [{ generation, watermark: clock.watermark, settings: pairingSettingsKey(settings), built_at: clock.now, captures: build.captures, pairs: build.pairs, build_ms: buildMs }],
    format: 'JSONEachRow',
  });
  for (const table of ['duplicate_captures', 'duplicate_pairs']) await dropGenerationsBefore(ch, table, generation, keepMs);
  return build;
}

/** Whether a build would change anything: no generation yet, other settings, or invoices changed since the latest. */
export async function keptPairsDue(ch: ClickHouseClient, settings: PairingSettings): Promise<boolean> {
  const latest = await latestKeptPairs(ch);
  if (!latest || latest.settings !== pairingSettingsKey(settings)) return true;
  const [row] = await queryRows<{ changed: number }>(ch, chSql`
    SELECT count() > 0 AS changed FROM invoice_capture_state WHERE inserted_at > ${p.dateTime64(latest.watermark)}`);
  return Boolean(row?.changed);
}
