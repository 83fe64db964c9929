// Receivables misalignment: customers whose CRM commitments disagree with ERP open
// receivables beyond tolerance, and broken promises to pay — totals per kind and currency,
// by entity, broken promises by how long overdue, and the findings behind the number.
// The rules are in sql/queries/receivables-misalignment.sql.ts; findings are sorted most at
// risk first, or by a column in receivablesSortColumns. `reporting`: the money at
// risk (amount), overall and per kind, in the reporting currency at the evaluation date.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { LedgerScope } from '../../sql/queries/receivables-ledger.sql.ts';
import { receiptIdsSql, receivablesMisalignmentSql, type BrokenPromiseRef, type ReceivablesEntitySettings } from '../../sql/queries/receivables-misalignment.sql.ts';
import { receivableCustomersSql } from '../receivables/kept-receivables.ts';
import { calendarOf, type FinanceSettings } from '../settings/finance-settings.ts';
import { evaluationTime, sortedBy, type MetricFilterInput, type SortChoice } from './metric-input.ts';
import { groupedBy, reportingAtEvaluation } from './reporting-totals.ts';

export type ReceivablesKind = 'misaligned' | 'broken_promise';

export interface ReceivablesFindingRow {
  kind: ReceivablesKind;
  entity: string;
  counterparty_id: string;
  counterparty_name: string;
  currency: string;
  open_receivables: string;
  committed: string;
  /** Receipts counted toward a broken promise; null for a misaligned customer. */
  received: string | null;
  /** misaligned: committed − open_receivables; broken_promise: committed − received. */
  difference: string;
  /** Earliest promised date of the commitments behind the row (YYYY-MM-DD). */
  promised_date: string;
  /** Days past the promised date in the entity's time zone; null for misaligned. */
  days_overdue: string | null;
  commitment_ids: string[];
  invoice_ids: string[];
  receipt_ids: string[];
}

/** The columns findings can be sorted by; `amount` is the difference the list shows. */
export const receivablesSortColumns = ['amount', 'at_risk', 'committed', 'promised_date', 'entity', 'kind', 'counterparty'] as const;
export type ReceivablesSortColumn = (typeof receivablesSortColumns)[number];
const receivablesSortSql: Record<ReceivablesSortColumn, ChSql> = {
  amount: chSql`difference`,
  at_risk: chSql`at_risk`,
  committed: chSql`committed`,
  promised_date: chSql`promised_date`,
  entity: chSql`entity`,
  kind: chSql`kind`,
  counterparty: chSql`if(counterparty_name = '', counterparty_id, counterparty_name)`,
};
const receivablesDefaultOrder = chSql`at_risk DESC, kind, entity, counterparty_id, currency, commitment_ids`;


/** How long past its promised date a broken promise is, in the entity's days. */
const agingBucket = chSql`multiIf(days_overdue <= 7, '1–7 days', days_overdue <= 30, '8–30 days', days_overdue <= 60, '31–60 days', 'over 60 days')`;
const agingOrder = chSql`indexOf(['1–7 days', '8–30 days', '31–60 days', 'over 60 days'], bucket_key)`;

/** The evaluation moment's calendar date in a time zone (YYYY-MM-DD). */
export function localDate(atMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(atMs));
}

/** Per-entity today, amount tolerance and materiality for every entity with settings. */
export function receivablesEntitySettings(settings: FinanceSettings, atMs: number): ReceivablesEntitySettings {
  const entities = [...new Set([...settings.entities.map((e) => e.entity), ...Object.keys(settings.matching).filter((e) => e !== '*')])];
  const matchingOf = (e: string) => settings.matching[e] ?? settings.matching['*']!;
  const fallback = calendarOf(settings, '*');
  return {
    entities,
    today: entities.map((e) => localDate(atMs, calendarOf(settings, e).timeZone)),
    amountTolerance: entities.map((e) => matchingOf(e).amountTolerance),
    materiality: entities.map((e) => calendarOf(settings, e).materiality),
    fallback: { today: localDate(atMs, fallback.timeZone), amountTolerance: settings.matching['*']!.amountTolerance, materiality: fallback.materiality },
  };
}

/** A finding on the page as the statement returns it: its position, the row, its commitment's made_at and named invoice. */
type PageTuple = [string, ReceivablesKind, string, string, string, string, string, string, string | null, string, string, string | null,
  string[], string[], string | null, string];

/** One line of a breakdown: findings, the money committed and the money at risk; 'total' lines carry the page. */
type SummaryRow = {
  view: 'total' | 'entity' | 'aging'; kind: ReceivablesKind; entity_key: string; bucket: string; currency: string;
  findings: string; committed_total: string; at_risk_total: string; page: PageTuple[];
};

export async function receivablesMisalignment(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & SortChoice<ReceivablesSortColumn> & { kinds?: ReceivablesKind[]; limit: number; offset: number },
) {
  const now = evaluationTime(input);
  const atMs = Date.parse(`${now.replace(' ', 'T')}Z`);
  // now reads the kept receivables state; as of a past moment recomputes from the events
  const scope = { now, entities: input.entities, current: input.asOf === undefined };
  // now: the customers from the kept generation and what changed since (server/receivables/kept-receivables.ts)
  const customers = await receivableCustomersSql(ch, scope);
  const rows = receivablesMisalignmentSql({
    scope,
    settings: receivablesEntitySettings(settings, atMs),
    currencies: input.currencies,
    counterparty: input.counterparty,
    sourceSystem: input.sourceSystem,
    kinds: input.kinds,
  }, customers);
  // One statement computes the findings once: every breakdown (each finding counted once per
  // view) and the page (numbered in the chosen order, carried by the 'total' lines).
  const sort = sortedBy(receivablesSortSql, input, receivablesDefaultOrder);
  const summary = await queryRows<SummaryRow>(ch, chSql`
    SELECT view, kind, entity_key, bucket_key AS bucket, currency, toString(count()) AS findings,
           toString(sum(committed)) AS committed_total, toString(sum(at_risk)) AS at_risk_total,
           groupArrayIf((toString(position), kind, entity, counterparty_id, counterparty_name, currency, toString(open_receivables),
               toString(committed), toString(received), toString(difference), toString(promised_date), toString(days_overdue),
               commitment_ids, invoice_ids, toString(made_at), correlation_id),
             view = 'total' AND position > ${p.uint64(input.offset)} AND position <= ${p.uint64(input.offset + input.limit + 1)}) AS page
    FROM (SELECT *, arrayJoin(if(kind = 'broken_promise', ['total', 'entity', 'aging'], ['total', 'entity'])) AS view,
                 if(view = 'entity', entity, '') AS entity_key,
                 if(view = 'aging', ${agingBucket}, '') AS bucket_key
          FROM (SELECT *, row_number() OVER (ORDER BY ${sort.orderBy}) AS position
                FROM (SELECT *, ${sort.sortKey} AS sort_key FROM ${rows})))
    GROUP BY view, kind, entity_key, bucket_key, currency
    ORDER BY view, kind, entity_key, ${agingOrder}, currency`);
  const page = summary.flatMap((r) => r.page).sort((a, b) => Number(a[0]) - Number(b[0]));
  const view = (name: string) => summary.filter((r) => r.view === name)
    .map((r) => ({ ...r, count: r.findings, committed: r.committed_total, amount: r.at_risk_total }));
  const totals = view('total').map(({ kind, currency, count, committed, amount }) => ({ kind, currency, count, committed, amount }));
  const byEntity = view('entity').map(({ kind, entity_key: entity, currency, count, committed, amount }) => ({ kind, entity, currency, count, committed, amount }));
  const byAging = view('aging').map(({ bucket, currency, count, committed, amount }) => ({ bucket, currency, count, committed, amount }));
  const kinds = ['misaligned', 'broken_promise'] as const;
  const [documents, { reporting, parts }] = await Promise.all([
    pageRows(ch, scope, page),
    reportingAtEvaluation(ch, settings, input, totals, groupedBy(totals, (r) => r.kind, input.kinds?.length ? input.kinds : kinds)),
  ]);
  return {
    totals,
    byEntity,
    byAging,
    documents: { rows: documents.slice(0, input.limit), hasMore: documents.length > input.limit },
    reporting: { ...reporting, byKind: parts },
  };
}

/** The page's findings, each broken promise with the receipts counted toward it (read for the page only). */
async function pageRows(ch: ClickHouseClient, scope: LedgerScope, page: PageTuple[]): Promise<ReceivablesFindingRow[]> {
  const promises: BrokenPromiseRef[] = page.filter((t) => t[1] === 'broken_promise').map((t) => ({
    entity: t[2], counterparty_id: t[3], currency: t[5], commitment_id: t[12][0]!, correlation_id: t[15], made_at: t[14]!,
  }));
  // only the page's entities' receipts are read
  const pageScope = { ...scope, entities: [...new Set(promises.map((r) => r.entity))] };
  const counted = promises.length
    ? await queryRows<{ entity: string; commitment_id: string; receipt_ids: string[] }>(ch, receiptIdsSql(pageScope, promises))
    : [];
  const receipts = new Map(counted.map((r) => [`${r.entity}\u0000${r.commitment_id}`, r.receipt_ids]));
  return page.map(([, kind, entity, counterparty_id, counterparty_name, currency, open_receivables, committed, received, difference,
    promised_date, days_overdue, commitment_ids, invoice_ids]) => ({
    kind, entity, counterparty_id, counterparty_name, currency, open_receivables, committed, received, difference, promised_date,
    days_overdue, commitment_ids, invoice_ids,
    receipt_ids: kind === 'broken_promise' ? (receipts.get(`${entity}\u0000${commitment_ids[0]}`) ?? []) : [],
  }));
}
