// Delayed bank confirmations: sent payments still without a bank status past the
// confirmation SLA, by entity and bank; rejected and returned payments by reason code;
// and the payments behind the numbers. `reporting`: the awaiting totals, and per status
// (awaiting_bank_status, rejected, returned), in the reporting currency at the evaluation date.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { confirmationRowsNowSql } from '../bank-confirmations/kept-confirmations.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { documentFilter, evaluationTime, sortedBy, type MetricFilterInput, type SortChoice } from './metric-input.ts';
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

/** The columns the payments can be sorted by, each a fixed expression over the rows. */
export const confirmationSortColumns = ['document', 'entity', 'status', 'counterparty', 'amount', 'sent', 'due', 'bank'] as const;
export type ConfirmationSortColumn = (typeof confirmationSortColumns)[number];
const confirmationSortSql: Record<ConfirmationSortColumn, ChSql> = {
  document: chSql`document_id`,
  entity: chSql`entity`,
  status: chSql`status`,
  counterparty: chSql`if(counterparty_name = '', counterparty_id, counterparty_name)`,
  amount: chSql`amount`,
  sent: chSql`sent_at`,
  due: chSql`due_at`,
  bank: chSql`bank`,
};
const confirmationDefaultOrder = chSql`status, due_at, entity, document_id`;

type PageTuple = [BankConfirmationRow['status'], string, string, string, string, string, string, string, string, string, string, string];

interface SummaryRow {
  by_entity_bank: number;
  by_reason: number;
  by_status: number;
  status: string;
  entity: string;
  bank: string;
  reason_code: string;
  currency: string;
  payments: string;
  total_amount: string;
  page: PageTuple[];
}

function pageRow(t: PageTuple): BankConfirmationRow {
  const [status, , entity, document_id, amount, currency, counterparty_id, counterparty_name, bank, reason_code, sent_at, due_at] = t;
  return { status, entity, document_id, amount, currency, counterparty_id, counterparty_name, bank, reason_code, sent_at, due_at };
}

export async function delayedConfirmations(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & { limit: number; offset: number } & SortChoice<ConfirmationSortColumn>,
) {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  // now: from the kept watched payments and what changed since; as of a moment, recomputed
  const rows = await confirmationRowsNowSql(ch, {
    filter: documentFilter(input),
    now: evaluationTime(input),
    confirmationSlaHours: {
      entities: own,
      values: own.map((e) => settings.matching[e]!.confirmationSlaHours),
      fallback: settings.matching['*']!.confirmationSlaHours,
    },
  });
  // The payments are read once: one statement returns the totals and both breakdowns
  // (GROUPING SETS, each with the status so awaiting and refused split apart) and the page
  // (the overall set's first offset + limit + 1 rows in order).
  const pageEnd = input.offset + input.limit + 1;
  const grouped = await queryRows<SummaryRow>(ch, chSql`
    SELECT grouping(entity) = 0 AS by_entity_bank, grouping(reason_code) = 0 AS by_reason, grouping(status) = 0 AS by_status,
           status, entity, bank, reason_code, currency, toString(count()) AS payments, toString(sum(amount)) AS total_amount,
           groupArraySorted(${p.uint32(pageEnd)})((status, due_at, entity, document_id, toString(amount), currency, counterparty_id,
             counterparty_name, bank, reason_code, toString(sent_at), toString(due_at))) AS page
    FROM ${rows}
    GROUP BY GROUPING SETS ((status, currency), (status, entity, bank, currency), (status, reason_code, currency), ())
    ORDER BY status, reason_code, entity, bank, currency
    SETTINGS force_grouping_standard_compatibility = 1`);
  const awaiting = (r: SummaryRow) => r.status === 'awaiting_bank_status';
  const money = (r: SummaryRow) => ({ currency: r.currency, payments: r.payments, amount: r.total_amount });
  const totals: MoneyRow[] = grouped.filter((r) => r.by_status && !r.by_entity_bank && !r.by_reason && awaiting(r)).map(money);
  const byEntityBank = grouped.filter((r) => r.by_entity_bank && awaiting(r)).map((r) => ({ entity: r.entity, bank: r.bank, ...money(r) }));
  const byReason = grouped.filter((r) => r.by_reason && !awaiting(r)).map((r) => ({ status: r.status, reason_code: r.reason_code, ...money(r) }));
  const page = grouped.find((r) => !r.by_status)?.page ?? [];
  // a chosen order pages in a statement of its own; the default order came with the summary
  const documents = input.orderBy === undefined ? page.slice(input.offset).map(pageRow) : await sortedPage(ch, rows, input);
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

/** The page in a chosen order: the sort column, then the default order, so pages never overlap. */
async function sortedPage(ch: ClickHouseClient, rows: ChSql, input: { limit: number; offset: number } & SortChoice<ConfirmationSortColumn>): Promise<BankConfirmationRow[]> {
  const sort = sortedBy(confirmationSortSql, input, confirmationDefaultOrder);
  return queryRows<BankConfirmationRow>(ch, chSql`
    SELECT status, entity, document_id, toString(amount) AS amount, currency, counterparty_id, counterparty_name, bank, reason_code,
           toString(sent_at) AS sent_at, toString(due_at) AS due_at
    FROM (SELECT *, ${sort.sortKey} AS sort_key FROM ${rows})
    ORDER BY ${sort.orderBy}
    LIMIT ${p.uint32(input.limit + 1)} OFFSET ${p.uint64(input.offset)}`);
}
