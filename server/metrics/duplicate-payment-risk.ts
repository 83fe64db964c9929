// Duplicate payment risk: pairs of supplier invoices that look like one invoice captured
// twice — totals per currency (pairs, money at risk = the later invoice's amount), by
// entity, by status (before_payment / paid) and the pairs behind the number (unpaid and
// latest first, or by a column in duplicateSortColumns). The rules are
// in sql/queries/duplicate-invoice-pairs.sql.ts. `reporting`: the money at risk, overall and
// per status, in the reporting currency at the evaluation date.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { DuplicateQuery } from '../../sql/queries/duplicate-invoice-pairs.sql.ts';
import { duplicatePairsSql, pairingSettings } from '../duplicates/kept-duplicate-pairs.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { evaluationTime, sortedBy, type MetricFilterInput, type SortChoice } from './metric-input.ts';
import { groupedBy, reportingAtEvaluation } from './reporting-totals.ts';

export interface DuplicatePairRow {
  entity: string;
  counterparty_id: string;
  counterparty_name: string;
  currency: string;
  amount: string;
  invoice_a: string;
  source_a: string;
  reference_a: string;
  time_a: string;
  invoice_b: string;
  source_b: string;
  reference_b: string;
  time_b: string;
  /** Edit distance of the normalised references. */
  distance: number;
  /** 'paid' when either invoice has reached payment (see the SQL header). */
  status: 'before_payment' | 'paid';
  paid_a: boolean;
  paid_b: boolean;
}

/** The columns pairs can be sorted by: `captured` is the later invoice's time, `first_captured` the earlier's. */
export const duplicateSortColumns = ['amount', 'captured', 'first_captured', 'entity', 'status', 'counterparty', 'distance', 'invoice'] as const;
export type DuplicateSortColumn = (typeof duplicateSortColumns)[number];
const duplicateSortSql: Record<DuplicateSortColumn, ChSql> = {
  amount: chSql`amount`,
  captured: chSql`time_b`,
  first_captured: chSql`time_a`,
  entity: chSql`entity`,
  status: chSql`status`,
  counterparty: chSql`if(counterparty_name = '', counterparty_id, counterparty_name)`,
  distance: chSql`distance`,
  invoice: chSql`invoice_b`,
};
const duplicateDefaultOrder = chSql`status = 'paid', time_b DESC, entity, invoice_a, source_a, invoice_b, source_b`;

/** A pair on the page as the statement returns it: its position, then the row. */
type PageTuple = [string, string, string, string, string, string, string, string, string, string, string, string, string, string, number,
  DuplicatePairRow['status'], boolean, boolean];

/** One line of a breakdown: pairs and money at risk, keyed by entity or status per view; 'total' lines carry the page. */
type SummaryRow = { view: 'total' | 'entity' | 'status'; key: string; currency: string; pair_count: string; at_risk_total: string; page: PageTuple[] };

function pageRow(t: PageTuple): DuplicatePairRow {
  const [, entity, counterparty_id, counterparty_name, currency, amount, invoice_a, source_a, reference_a, time_a, invoice_b, source_b,
    reference_b, time_b, distance, status, paid_a, paid_b] = t;
  return { entity, counterparty_id, counterparty_name, currency, amount, invoice_a, source_a, reference_a, time_a, invoice_b, source_b,
    reference_b, time_b, distance, status, paid_a, paid_b };
}

export async function duplicatePaymentRisk(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & SortChoice<DuplicateSortColumn> & { limit: number; offset: number },
) {
  const query: DuplicateQuery = {
    now: evaluationTime(input),
    // now reads the kept capture state; as of a past moment recomputes from the events
    current: input.asOf === undefined,
    ...pairingSettings(settings),
    entities: input.entities,
    currencies: input.currencies,
    counterparty: input.counterparty,
    sourceSystem: input.sourceSystem,
  };
  const pairs = await duplicatePairsSql(ch, query);
  // One statement finds the pairs once: every breakdown (each pair counted once per view) and
  // the page (numbered in the chosen order, carried by the 'total' lines).
  const sort = sortedBy(duplicateSortSql, input, duplicateDefaultOrder);
  const summary = await queryRows<SummaryRow>(ch, chSql`
    SELECT view, view_key AS key, currency, toString(count()) AS pair_count, toString(sum(at_risk)) AS at_risk_total,
           groupArrayIf((toString(position), entity, counterparty_id, counterparty_name, currency, toString(amount),
               invoice_a, source_a, reference_a, toString(time_a), invoice_b, source_b, reference_b, toString(time_b), distance, status, paid_a, paid_b),
             view = 'total' AND position > ${p.uint64(input.offset)} AND position <= ${p.uint64(input.offset + input.limit + 1)}) AS page
    FROM (SELECT *, arrayJoin(['total', 'entity', 'status']) AS view,
                 multiIf(view = 'entity', toString(entity), view = 'status', status, '') AS view_key
          FROM (SELECT *, row_number() OVER (ORDER BY ${sort.orderBy}) AS position
                FROM (SELECT *, ${sort.sortKey} AS sort_key FROM ${pairs})))
    GROUP BY view, view_key, currency
    ORDER BY view, view_key, currency`);
  const documents = summary.flatMap((r) => r.page).sort((a, b) => Number(a[0]) - Number(b[0])).map(pageRow);
  const view = (name: SummaryRow['view']) => summary.filter((r) => r.view === name)
    .map(({ key, currency, pair_count, at_risk_total }) => ({ key, currency, pairs: pair_count, amount: at_risk_total }));
  const totals = view('total').map(({ currency, pairs, amount }) => ({ currency, pairs, amount }));
  const byEntity = view('entity').map(({ key, currency, pairs, amount }) => ({ entity: key, currency, pairs, amount }));
  const byStatus = view('status').map(({ key, currency, pairs, amount }) => ({ status: key as DuplicatePairRow['status'], currency, pairs, amount }));
  const { reporting, parts } = await reportingAtEvaluation(ch, settings, input, totals,
    groupedBy(byStatus, (r) => r.status, ['before_payment', 'paid'] as const));
  return {
    totals,
    byEntity,
    byStatus,
    documents: { rows: documents.slice(0, input.limit), hasMore: documents.length > input.limit },
    reporting: { ...reporting, byStatus: parts },
  };
}
