// Stuck documents: totals per currency, the breakdown by stage and by how far past SLA,
// and the documents behind the number, most overdue first. `reporting`: the totals in the
// reporting currency at the evaluation date (server/metrics/reporting-totals.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { stuckRowsSql } from '../sla-clocks/kept-sla-clocks.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { documentFilter, evaluationTime, sortedBy, type MetricFilterInput, type SortChoice } from './metric-input.ts';
import { reportingAtEvaluation } from './reporting-totals.ts';

export interface StuckDocumentRow {
  entity: string;
  document_type: string;
  document_id: string;
  stage: string;
  stage_entered_at: string;
  amount: string | null;
  currency: string;
  counterparty_id: string;
  counterparty_name: string;
  sla: string;
  due_at: string;
  hours_past_due: string;
}

/** The columns the documents can be sorted by, each a fixed expression over the stuck rows. */
export const stuckSortColumns = ['document', 'entity', 'stage', 'counterparty', 'amount', 'since', 'due', 'overdue'] as const;
export type StuckSortColumn = (typeof stuckSortColumns)[number];
const stuckSortSql: Record<StuckSortColumn, ChSql> = {
  document: chSql`document_id`,
  entity: chSql`entity`,
  stage: chSql`stage`,
  counterparty: chSql`if(counterparty_name = '', counterparty_id, counterparty_name)`,
  amount: chSql`amount`,
  since: chSql`stage_entered_at`,
  due: chSql`due_at`,
  overdue: chSql`hours_past_due`,
};
const stuckDefaultOrder = chSql`hours_past_due DESC, entity, document_type, document_id`;

type PageTuple = [number, string, string, string, string, string, string | null, string, string, string, string, string, string];

interface SummaryRow {
  by_currency: number;
  by_stage: number;
  by_bucket: number;
  currency: string;
  document_type: string;
  stage: string;
  bucket: string;
  documents: string;
  total_amount: string;
  least_hours: number;
  page: PageTuple[];
}

function pageRow(t: PageTuple): StuckDocumentRow {
  const [, entity, document_type, document_id, stage, stage_entered_at, amount, currency, counterparty_id, counterparty_name, sla, due_at, hours_past_due] = t;
  return { entity, document_type, document_id, stage, stage_entered_at, amount, currency, counterparty_id, counterparty_name, sla, due_at, hours_past_due };
}

export async function stuckDocuments(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & { documentTypes?: string[]; limit: number; offset: number } & SortChoice<StuckSortColumn>,
) {
  // now: from the kept SLA clocks when a generation was computed with these settings
  const stuck = await stuckRowsSql(ch, settings, {
    filter: documentFilter(input, input.documentTypes),
    now: evaluationTime(input),
    policies: settings.slaPolicies,
    calendarEntities: settings.entities.map((e) => e.entity),
  });
  // The stuck set is computed once: one statement returns the totals, both breakdowns
  // (GROUPING SETS) and the page (the overall set's first offset + limit + 1 rows in order).
  // The stuck rows are first grouped at the finest level the breakdowns need, each group
  // keeping its own first rows in order; the sets then add those groups up and merge their
  // pages, so the page's wide rows are built and ordered once, not once per grouping set.
  const pageEnd = p.uint32(input.offset + input.limit + 1);
  const grouped = await queryRows<SummaryRow>(ch, chSql`
    SELECT grouping(currency) = 0 AS by_currency, grouping(document_type) = 0 AS by_stage, grouping(bucket) = 0 AS by_bucket,
           currency, document_type, stage, bucket, toString(sum(n)) AS documents, toString(sum(total)) AS total_amount,
           min(least) AS least_hours, arraySlice(arraySort(groupArrayArray(page)), 1, ${pageEnd}) AS page
    FROM (
      SELECT currency, document_type, stage, bucket, count() AS n, sum(ifNull(amount, 0)) AS total, min(hours_past_due) AS least,
             groupArraySorted(${pageEnd})((-hours_past_due, entity, document_type, document_id, stage, toString(stage_entered_at),
               toString(amount), currency, counterparty_id, counterparty_name, concat(toString(sla_amount), ' ', sla_unit),
               toString(due_at), toString(round(hours_past_due, 2)))) AS page
      FROM (SELECT *, multiIf(hours_past_due < 24, 'under 1 day', hours_past_due < 72, '1–3 days', hours_past_due < 168, '3–7 days', 'over 7 days') AS bucket
            FROM (${stuck}))
      GROUP BY document_type, stage, currency, bucket)
    GROUP BY GROUPING SETS ((currency), (document_type, stage, currency), (bucket), ())
    ORDER BY document_type, stage, currency, least_hours
    SETTINGS force_grouping_standard_compatibility = 1`);
  const totals = grouped.filter((r) => r.by_currency && !r.by_stage).map(({ currency, documents, total_amount }) => ({ currency, documents, amount: total_amount }));
  const byStage = grouped.filter((r) => r.by_stage).map(({ document_type, stage, currency, documents, total_amount }) => ({ document_type, stage, currency, documents, amount: total_amount }));
  const byLateness = grouped.filter((r) => r.by_bucket).map(({ bucket, documents }) => ({ bucket, documents }));
  const page = grouped.find((r) => !r.by_currency && !r.by_stage && !r.by_bucket)?.page ?? [];
  // a chosen order pages in a statement of its own; the default order came with the summary
  const documents = input.orderBy === undefined ? page.slice(input.offset).map(pageRow) : await sortedPage(ch, stuck, input);
  const { reporting } = await reportingAtEvaluation(ch, settings, input, totals);
  return {
    totals,
    byStage,
    byLateness,
    documents: { rows: documents.slice(0, input.limit), hasMore: documents.length > input.limit },
    reporting,
  };
}

/** The page in a chosen order: the sort column, then the default order, so pages never overlap. */
async function sortedPage(ch: ClickHouseClient, stuck: ChSql, input: { limit: number; offset: number } & SortChoice<StuckSortColumn>): Promise<StuckDocumentRow[]> {
  const sort = sortedBy(stuckSortSql, input, stuckDefaultOrder);
  return queryRows<StuckDocumentRow>(ch, chSql`
    SELECT entity, document_type, document_id, stage, toString(stage_entered_at) AS stage_entered_at, toString(amount) AS amount,
           currency, counterparty_id, counterparty_name, concat(toString(sla_amount), ' ', sla_unit) AS sla,
           toString(due_at) AS due_at, toString(round(hours_past_due, 2)) AS hours_past_due
    FROM (SELECT *, ${sort.sortKey} AS sort_key FROM (${stuck}))
    ORDER BY ${sort.orderBy}
    LIMIT ${p.uint32(input.limit + 1)} OFFSET ${p.uint64(input.offset)}`);
}
