// Unmatched payments: bank entries without an ERP match, payments without bank settlement
// past the confirmation SLA, receipts not applied in time — totals per currency, by kind,
// by entity, the matches by rule, and the documents behind the number (default order: due
// first; sortable by the columns in unmatchedSortColumns). `reporting`: the totals, and each
// kind's, in the reporting currency at the evaluation date.
//
// The documents come from what the payment matcher keeps after each run (unmatched payments
// without their due time, server/matching/unmatched-items.ts) with the rule recomputed for
// the documents changed since that run; as of a past moment, from the rule over the events.
//
// Before reading, the payment matcher takes its incremental step: what arrived since its
// last run (server/matching/payment-matcher.ts) paired with what it may match, not everything
// still open matched again. So a document that has just arrived is already matched in the
// answer, and the page never shows an entry unmatched that the next run would match;
// reading only what the background loop matched would be cheaper still but lag what the
// user has just sent. A run over more than the matcher's read bound
// (readMatchingBound settlement rows since its last run: a first run or new matching
// settings over a large ledger, a bulk load) is never made here, and a read waits for the
// step at most matcherWaitMs (a step over millions of documents takes seconds; it carries on
// for the background loop) and starts none while one is in flight that does not end within
// that wait (reads during a long step add no steps behind it): either way the read shows the
// matches as they are, says up to when they are complete (matchingBehind), and the server's
// background loop catches up.
// The answer is exact for the matches as they are either way.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { unmatchedPaymentsSql, type EntitySetting, type UnmatchedQuery } from '../../sql/queries/unmatched-payments.sql.ts';
import { matchesByRule as rememberedMatchesByRule } from './matches-by-rule.ts';
import { latestMatchedThrough, latestUnmatchedItemsMark, paymentMatcherInFlight, runPaymentMatcher, type PaymentMatcherRun } from '../matching/payment-matcher.ts';
import { collectDocumentKeysSql, fitAsValues, maxNamedValues, type DocumentKeys } from '../../sql/queries/document-keys.sql.ts';
import { changedSinceMarkSql, unmatchedFromItemsSql, type UnmatchedItemsMark } from '../../sql/queries/unmatched-payment-items.sql.ts';
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

/** How long a read waits for the matcher's step before it answers with the matches as they are. */
export const matcherWaitMs = 1_000;

/**
 * The matcher's step before a read, waited for at most `waitMs`; past it, deferred. A step
 * already in flight (the background loop's, or another read's) is waited for first and a new
 * one starts only if it ends within the wait: a read never queues a step behind one it cannot
 * see finish, so reads arriving during a long step add no work behind it.
 */
async function matchedBeforeReading(ch: ClickHouseClient, settings: FinanceSettings, waitMs: number): Promise<PaymentMatcherRun> {
  const deadline = performance.now() + waitMs;
  const within = async <T>(work: Promise<T>): Promise<T | 'waited'> => {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), Math.max(0, deadline - performance.now()))));
    const first = await Promise.race([work, waited]);
    clearTimeout(timer);
    return first;
  };
  const deferred = async (): Promise<PaymentMatcherRun> => ({ outcome: 'deferred', matchedThrough: await latestMatchedThrough(ch) });
  const inFlight = paymentMatcherInFlight(ch);
  if (inFlight && (await within(inFlight)) === 'waited') return deferred();
  const step = runPaymentMatcher(ch, settings);
  step.catch(() => undefined); // (one that fails after the wait is the background loop's to report)
  const first = await within(step);
  return first === 'waited' ? deferred() : first;
}


/** unmatchedFromItemsSql with the documents changed since the run found first and named as values. */
async function fromItemsSql(ch: ClickHouseClient, rule: UnmatchedQuery, mark: UnmatchedItemsMark): Promise<ChSql> {
  const [changed] = await queryRows<DocumentKeys>(ch, collectDocumentKeysSql(changedSinceMarkSql(mark), maxNamedValues + 1));
  const named = changed && fitAsValues(changed.entities, changed.documentTypes, changed.documentIds);
  return unmatchedFromItemsSql(rule, mark, named ? changed : undefined);
}

export async function unmatchedPayments(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & SortChoice<UnmatchedSortColumn> & { kinds?: UnmatchedPaymentRow['kind'][]; limit: number; offset: number },
  options: { matcherWaitMs?: number } = {},
) {
  const matching = await matchedBeforeReading(ch, settings, options.matcherWaitMs ?? matcherWaitMs);
  const now = evaluationTime(input);
  const filter = documentFilter(input);
  const rule = {
    filter,
    now,
    confirmationSlaHours: entitySetting(settings, (m) => m.confirmationSlaHours),
    receiptApplyDays: entitySetting(settings, (m) => m.receiptApplyDays),
  };
  // Now (not as of a past moment, and not before the latest run): what the matcher kept,
  // recomputed only for what changed since; otherwise the rule over every document.
  const mark = filter.asOf === undefined ? await latestUnmatchedItemsMark(ch) : undefined;
  const all = mark && now >= mark.startedAt ? await fromItemsSql(ch, rule, mark) : unmatchedPaymentsSql(rule);
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
    rememberedMatchesByRule(ch, filter, now),
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
    // Only while matching is behind what arrived: matches are complete for the settlement
    // changes stored up to matchedThrough (null: nothing matched yet).
    ...(matching.outcome === 'deferred' ? { matchingBehind: { matchedThrough: matching.matchedThrough } } : {}),
  };
}
