// Kept watched payments (sql/clickhouse/0024_kept_confirmations.sql): building a generation —
// every payment that needs attention now or will once its confirmation SLA passes — and the
// delayed confirmations "now" from it. Registration, watermark and dropping:
// server/kept-findings/kept-generations.ts.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bankConfirmationsSql, type BankConfirmationQuery } from '../../sql/queries/bank-confirmations.sql.ts';
import { fitAsValues, maxNamedValues, type DocumentKeys } from '../../sql/queries/document-keys.sql.ts';
import { changedPaymentsSql, keptBankConfirmationsSql, keptConfirmationsBuildSql } from '../../sql/queries/kept-confirmations.sql.ts';
import { buildKeptGeneration, keptGenerationDue, usableKeptGeneration, type KeptBuild, type KeptModel } from '../kept-findings/kept-generations.ts';

const model: KeptModel<'payments'> = {
  registrations: 'watched_confirmation_generations',
  tables: { payments: 'watched_confirmations' },
  sources: ['payment_confirmation_state', 'settlement_state'],
};
/** The rows depend on no setting: the SLA is applied when reading. */
const settingsKey = 'none';


/**
 * The delayed confirmation rows of `q` as a subquery: for "now", from the latest generation
 * and the payments changed since it (found first, so the statement names them); otherwise —
 * as of a past moment, no generation, too much changed — recomputed.
 */
export async function confirmationRowsNowSql(ch: ClickHouseClient, q: BankConfirmationQuery): Promise<ChSql> {
  const kept = q.filter.asOf === undefined ? await usableKeptGeneration(ch, model, settingsKey) : undefined;
  if (!kept) return bankConfirmationsSql(q);
  const [changed] = await queryRows<DocumentKeys>(ch, changedPaymentsSql(q, kept, maxNamedValues + 1));
  if (!changed || !fitAsValues(changed.entities, changed.documentTypes, changed.documentIds)) {
    return bankConfirmationsSql(q);
  }
  return keptBankConfirmationsSql(q, kept, changed);
}

/** Builds and registers a generation (options: the watermark's margin, how long older generations stay). */
export async function buildKeptConfirmations(
  ch: ClickHouseClient,
  options: { marginMs?: number; keepMs?: number } = {},
): Promise<KeptBuild<'payments'>> {
  return buildKeptGeneration(ch, model, settingsKey, (generation) => [keptConfirmationsBuildSql(generation)], options);
}

/** Whether a build would change anything: no generation yet, or payments changed since. */
export const keptConfirmationsDue = (ch: ClickHouseClient): Promise<boolean> => keptGenerationDue(ch, model, settingsKey);
