// Kept receivables (sql/clickhouse/0025_kept_receivables.sql): building a generation — every
// customer invoice, receipt and commitment as receivables_state holds it, and its
// per-(customer, invoice key) rows — and the customers "now" from it. Registration,
// watermark and dropping: server/kept-findings/kept-generations.ts.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { fitAsValues, maxNamedValues } from '../../sql/queries/document-keys.sql.ts';
import {
  changedReceivablesSql, keptInvoiceKeysSql, keptReceivableDocumentsBuildSql, keptReceivableKeysBuildSql, touchedKeysSql,
  type ChangedReceivables, type TouchedKeys,
} from '../../sql/queries/kept-receivables.sql.ts';
import { receivablesDocumentsSql, type LedgerScope } from '../../sql/queries/receivables-ledger.sql.ts';
import { customersOfDocumentsSql, customersOfKeysSql } from '../../sql/queries/receivables-misalignment.sql.ts';
import { buildKeptGeneration, keptGenerationDue, usableKeptGeneration, type KeptBuild, type KeptModel } from '../kept-findings/kept-generations.ts';

const model: KeptModel<'documents' | 'keys'> = {
  registrations: 'receivable_generations',
  tables: { documents: 'receivable_documents', keys: 'receivable_keys' },
  sources: ['receivables_state'],
};
/** The rows depend on no setting: tolerances and each entity's today are applied when reading. */
const settingsKey = 'none';

/**
 * The customers of `scope` (customersOfKeysSql's rows) as a subquery: for "now", from the latest
 * generation and the documents changed since it (found first, so the statement names them);
 * otherwise — as of a past moment, no generation yet, too much changed — recomputed.
 */
export async function receivableCustomersSql(ch: ClickHouseClient, scope: LedgerScope): Promise<ChSql> {
  const recomputed = () => customersOfDocumentsSql(receivablesDocumentsSql(scope));
  const kept = scope.current ? await usableKeptGeneration(ch, model, settingsKey) : undefined;
  if (!kept) return recomputed();
  const [changed] = await queryRows<ChangedReceivables>(ch, changedReceivablesSql(scope, kept, maxNamedValues + 1));
  if (!changed || !fitAsValues(changed.entities, changed.documentTypes, changed.documentIds)) return recomputed();
  if (changed.entities.length === 0) return customersOfKeysSql(keptInvoiceKeysSql(scope, kept));
  const [touched] = await queryRows<TouchedKeys>(ch, touchedKeysSql(scope, kept, changed));
  if (!touched || !fitAsValues(touched.entities, touched.counterpartyIds, touched.currencies, touched.keys)) return recomputed();
  return customersOfKeysSql(keptInvoiceKeysSql(scope, kept, changed, touched));
}

/** Builds and registers a generation (options: the watermark's margin, how long older generations stay). */
export async function buildKeptReceivables(
  ch: ClickHouseClient,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptBuild<'documents' | 'keys'>> {
  return buildKeptGeneration(ch, model, settingsKey,
    (generation) => [keptReceivableDocumentsBuildSql(generation), keptReceivableKeysBuildSql(generation)], options);
}

/** Whether a build would change anything: no generation yet, or receivables_state rows written since. */
export const keptReceivablesDue = (ch: ClickHouseClient): Promise<boolean> => keptGenerationDue(ch, model, settingsKey);
