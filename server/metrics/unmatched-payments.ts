// Unmatched payments: bank entries without an ERP match, payments without bank settlement
// past the confirmation SLA, receipts not applied in time — totals per currency, by kind,
// by entity, the matches by rule, and the documents behind the number (default order: due
// first; sortable by the columns in unmatchedSortColumns). `reporting`: the totals, and each
// kind's, in the reporting currency at the evaluation date.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, render, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { counterpartyAmountDateRuleSql, exactReferenceRuleSql, manyToOneRuleSql, oneToManyRuleSql, type MatchingScope } from '../../sql/queries/payment-matching-rules.sql.ts';
import { matchesByRuleSql, unmatchedPaymentsSql, type EntitySetting } from '../../sql/queries/unmatched-payments.sql.ts';
import type { FinanceSettings, MatchingSettings } from '../settings/finance-settings.ts';
import { documentFilter, evaluationTime, sortedBy, type MetricFilterInput, type SortChoice } from './metric-input.ts';
import { groupedBy, reportingAtEvaluation } from './reporting-totals.ts';

export interface UnmatchedPaymentRow {
  kind: 'bank_entry_unmatched' | 'payment_unsettled' | 'receipt_unapplied';
  entity: string;
  document_type: string;
  document_id: string;
  currency: string;
  amount: string;
  counterparty_id: string;
  counterparty_name: string;
  since: string;
  due_at: string;
  /** Entry minus document amount of a partial exact-reference match; '' when none. */
  difference: string;
}

type MoneyRow = { currency: string; documents: string; amount: string };

/** The columns the documents can be sorted by, each a fixed expression over the rows. */
export const unmatchedSortColumns = ['amount', 'due', 'since', 'entity', 'kind', 'counterparty', 'document'] as const;
export type UnmatchedSortColumn = (typeof unmatchedSortColumns)[number];
const unmatchedSortSql: Record<UnmatchedSortColumn, ChSql> = {
  amount: chSql`amount`,
  due: chSql`due_at`,
  since: chSql`since`,
  entity: chSql`entity`,
  kind: chSql`kind`,
  counterparty: chSql`if(counterparty_name = '', counterparty_id, counterparty_name)`,
  document: chSql`document_id`,
};
const unmatchedDefaultOrder = chSql`due_at, kind, entity, document_id`;

/** One matching scope per entity with settings of its own, then '*' for the rest. */
export function matchingScopes(settings: FinanceSettings): MatchingScope[] {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  const scope = (m: MatchingSettings, entities?: string[]) => ({ entities, except: own, amountTolerance: m.amountTolerance, dateWindowDays: m.dateWindowDays });
  return [...own.map((e) => scope(settings.matching[e]!, [e])), scope(settings.matching['*']!)];
}

const running = new WeakMap<ClickHouseClient, Promise<void>>();
const lastRun = new WeakMap<ClickHouseClient, string>();

/**
 * Brings payment_matches up to date: each rule in order, over what is still open. Skipped
 * when no payment, receipt or bank entry event has arrived since the last run with the same
 * settings (the watermark is the latest received_at). Runs are serialised per client;
 * callers may run it on a timer and before answering a query.
 */
export function runPaymentMatcher(ch: ClickHouseClient, settings: FinanceSettings): Promise<void> {
  const previous = running.get(ch) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => {
    const scopes = matchingScopes(settings);
    const [mark] = await queryRows<{ received: string; events: string }>(ch, chSql`
      SELECT toString(max(received_at)) AS received, toString(count()) AS events FROM finance_events
      WHERE document_type IN ('payment', 'receipt', 'bank_entry')`);
    const runKey = JSON.stringify([mark, scopes]);
    if (lastRun.get(ch) === runKey) return;
    for (const rule of [exactReferenceRuleSql, counterpartyAmountDateRuleSql, manyToOneRuleSql, oneToManyRuleSql]) {
      for (const scope of scopes) await ch.command(render(rule(scope)));
    }
    lastRun.set(ch, runKey);
  });
  running.set(ch, next);
  return next;
}

function entitySetting(settings: FinanceSettings, pick: (m: MatchingSettings) => number): EntitySetting {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  return { entities: own, values: own.map((e) => pick(settings.matching[e]!)), fallback: pick(settings.matching['*']!) };
}

interface GroupedRow {
  by_kind: boolean;
  by_entity: boolean;
  by_currency: boolean;
  kind: string;
  entity: string;
  currency: string;
  documents: string;
  total_amount: string;
  page: [string, string, string, string, string, string, string, string, string, string, string, string][];
}

function pageRow([, kind, entity, document_id, document_type, currency, amount, counterparty_id, counterparty_name, since, due_at, difference]: GroupedRow['page'][number]): UnmatchedPaymentRow {
  return { kind: kind as UnmatchedPaymentRow['kind'], entity, document_type, document_id, currency, amount, counterparty_id, counterparty_name, since, due_at, difference };
}

export async function unmatchedPayments(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & SortChoice<UnmatchedSortColumn> & { kinds?: UnmatchedPaymentRow['kind'][]; limit: number; offset: number },
) {
  await runPaymentMatcher(ch, settings);
  const now = evaluationTime(input);
  const filter = documentFilter(input);
  const all = unmatchedPaymentsSql({
    filter,
    now,
    confirmationSlaHours: entitySetting(settings, (m) => m.confirmationSlaHours),
    receiptApplyDays: entitySetting(settings, (m) => m.receiptApplyDays),
  });
  const rows = input.kinds?.length ? chSql`(SELECT * FROM ${all} WHERE kind IN ${p.strings(input.kinds)})` : all;
  const sort = sortedBy(unmatchedSortSql, input, unmatchedDefaultOrder);
  // The unmatched set is computed once: one statement returns the totals and both breakdowns
  // (GROUPING SETS) and, in the default order, the page (the overall set's first
  // offset + limit + 1 rows); a chosen order pages in a statement of its own.
  const pageEnd = input.offset + input.limit + 1;
  const [grouped, matchesByRule, sortedPage] = await Promise.all([
    queryRows<GroupedRow>(ch, chSql`
      SELECT grouping(kind) = 0 AS by_kind, grouping(entity) = 0 AS by_entity, grouping(currency) = 0 AS by_currency,
             kind, entity, currency, toString(count()) AS documents, toString(sum(amount)) AS total_amount,
             groupArraySorted(${p.uint32(pageEnd)})((due_at, kind, entity, document_id, document_type, currency, toString(amount),
               counterparty_id, counterparty_name, toString(since), toString(due_at), difference)) AS page
      FROM ${rows}
      GROUP BY GROUPING SETS ((currency), (kind, currency), (entity, currency), ())
      ORDER BY kind, entity, currency
      SETTINGS force_grouping_standard_compatibility = 1`),
    queryRows<{ rule: string; currency: string; bank_entries: string; documents: string; document_amount: string }>(ch, matchesByRuleSql({ filter, now })),
    input.orderBy === undefined
      ? Promise.resolve(undefined)
      : queryRows<UnmatchedPaymentRow>(ch, chSql`
          SELECT kind, entity, document_type, document_id, currency, toString(amount) AS amount, counterparty_id, counterparty_name,
                 toString(since) AS since, toString(due_at) AS due_at, difference
          FROM (SELECT *, ${sort.sortKey} AS sort_key FROM ${rows})
          ORDER BY ${sort.orderBy}
          LIMIT ${p.uint32(input.limit + 1)} OFFSET ${p.uint64(input.offset)}`),
  ]);
  const money = (r: GroupedRow) => ({ currency: r.currency, documents: r.documents, amount: r.total_amount });
  const totals: MoneyRow[] = grouped.filter((r) => r.by_currency && !r.by_kind && !r.by_entity).map(money);
  const byKind = grouped.filter((r) => r.by_kind).map((r) => ({ kind: r.kind, ...money(r) }));
  const byEntity = grouped.filter((r) => r.by_entity).map((r) => ({ entity: r.entity, ...money(r) }));
  const page = grouped.find((r) => !r.by_currency)?.page ?? [];
  const documents = sortedPage ?? page.slice(input.offset).map(pageRow);
  const kinds = ['bank_entry_unmatched', 'payment_unsettled', 'receipt_unapplied'] as const;
  const { reporting, parts } = await reportingAtEvaluation(ch, settings, input, totals,
    groupedBy(byKind, (r) => r.kind as UnmatchedPaymentRow['kind'], input.kinds?.length ? input.kinds : kinds));
  return {
    totals,
    byKind,
    byEntity,
    matchesByRule,
    documents: { rows: documents.slice(0, input.limit), hasMore: documents.length > input.limit },
    reporting: { ...reporting, byKind: parts },
  };
}
