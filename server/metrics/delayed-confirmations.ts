// Delayed bank confirmations: sent payments still without a bank status past the
// confirmation SLA, by entity and bank; rejected and returned payments by reason code;
// and the payments behind the numbers. `reporting`: the awaiting totals, and per status
// (awaiting_bank_status, rejected, returned), in the reporting currency at the evaluation date.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { bankConfirmationsSql } from '../../sql/queries/bank-confirmations.sql.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { documentFilter, evaluationTime, type MetricFilterInput } from './metric-input.ts';
import { groupedBy, reportingAtEvaluation } from './reporting-totals.ts';

export interface BankConfirmationRow {
  status: 'awaiting_bank_status' | 'rejected' | 'returned';
  entity: string;
  document_id: string;
  amount: string;
  currency: string;
  counterparty_id: string;
  counterparty_name: string;
  bank: string;
  reason_code: string;
  sent_at: string;
  due_at: string;
}

type MoneyRow = { currency: string; payments: string; amount: string };

export async function delayedConfirmations(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & { limit: number; offset: number },
) {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  const rows = bankConfirmationsSql({
    filter: documentFilter(input),
    now: evaluationTime(input),
    confirmationSlaHours: {
      entities: own,
      values: own.map((e) => settings.matching[e]!.confirmationSlaHours),
      fallback: settings.matching['*']!.confirmationSlaHours,
    },
  });
  const money = chSql`toString(count()) AS payments, toString(sum(amount)) AS amount`;
  const awaiting = chSql`(SELECT * FROM ${rows} WHERE status = 'awaiting_bank_status')`;
  const [totals, byEntityBank, byReason, documents] = await Promise.all([
    queryRows<MoneyRow>(ch, chSql`SELECT currency, ${money} FROM ${awaiting} GROUP BY currency ORDER BY currency`),
    queryRows<MoneyRow & { entity: string; bank: string }>(ch, chSql`
      SELECT entity, bank, currency, ${money} FROM ${awaiting} GROUP BY entity, bank, currency ORDER BY entity, bank, currency`),
    queryRows<MoneyRow & { status: string; reason_code: string }>(ch, chSql`
      SELECT status, reason_code, currency, ${money} FROM ${rows} WHERE status != 'awaiting_bank_status'
      GROUP BY status, reason_code, currency ORDER BY status, reason_code, currency`),
    queryRows<BankConfirmationRow>(ch, chSql`
      SELECT status, entity, document_id, toString(amount) AS amount, currency, counterparty_id, counterparty_name, bank, reason_code,
             toString(sent_at) AS sent_at, toString(due_at) AS due_at
      FROM ${rows}
      ORDER BY status, due_at, entity, document_id
      LIMIT ${p.uint32(input.limit + 1)} OFFSET ${p.uint64(input.offset)}`),
  ]);
  const { reporting, parts } = await reportingAtEvaluation(ch, settings, input, totals, {
    awaiting_bank_status: totals,
    ...groupedBy(byReason, (r) => r.status as 'rejected' | 'returned', ['rejected', 'returned'] as const),
  });
  return {
    /** Payments awaiting a bank status past SLA, per currency. */
    totals,
    byEntityBank,
    /** Rejected and returned payments per reason code. */
    byReason,
    documents: { rows: documents.slice(0, input.limit), hasMore: documents.length > input.limit },
    reporting: { ...reporting, byStatus: parts },
  };
}
