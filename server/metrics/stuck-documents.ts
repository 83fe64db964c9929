// Stuck documents: totals per currency, the breakdown by stage and by how far past SLA,
// and the documents behind the number, most overdue first. `reporting`: the totals in the
// reporting currency at the evaluation date (server/metrics/reporting-totals.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { stuckDocumentsSql } from '../../sql/queries/stuck-documents.sql.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { documentFilter, evaluationTime, type MetricFilterInput } from './metric-input.ts';
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

export async function stuckDocuments(
  ch: ClickHouseClient,
  settings: FinanceSettings,
  input: MetricFilterInput & { documentTypes?: string[]; limit: number; offset: number },
) {
  const stuck = stuckDocumentsSql({
    filter: documentFilter(input, input.documentTypes),
    now: evaluationTime(input),
    policies: settings.slaPolicies,
    calendarEntities: settings.entities.map((e) => e.entity),
  });
  const [totals, byStage, byLateness, documents] = await Promise.all([
    queryRows<{ currency: string; documents: string; amount: string }>(ch, chSql`
      SELECT currency, toString(count()) AS documents, toString(sum(ifNull(amount, 0))) AS amount
      FROM (${stuck}) GROUP BY currency ORDER BY currency`),
    queryRows<{ document_type: string; stage: string; currency: string; documents: string; amount: string }>(ch, chSql`
      SELECT document_type, stage, currency, toString(count()) AS documents, toString(sum(ifNull(amount, 0))) AS amount
      FROM (${stuck}) GROUP BY document_type, stage, currency ORDER BY document_type, stage, currency`),
    queryRows<{ bucket: string; documents: string }>(ch, chSql`
      SELECT multiIf(hours_past_due < 24, 'under 1 day', hours_past_due < 72, '1–3 days', hours_past_due < 168, '3–7 days', 'over 7 days') AS bucket,
             toString(count()) AS documents
      FROM (${stuck}) GROUP BY bucket ORDER BY min(hours_past_due)`),
    queryRows<StuckDocumentRow>(ch, chSql`
      SELECT entity, document_type, document_id, stage, toString(stage_entered_at) AS stage_entered_at,
             toString(amount) AS amount, currency, counterparty_id, counterparty_name,
             concat(toString(sla_amount), ' ', sla_unit) AS sla, toString(due_at) AS due_at,
             toString(round(hours_past_due, 2)) AS hours_past_due
      FROM (${stuck})
      ORDER BY hours_past_due DESC, entity, document_type, document_id
      LIMIT ${p.uint32(input.limit + 1)} OFFSET ${p.uint64(input.offset)}`),
  ]);
  const { reporting } = await reportingAtEvaluation(ch, settings, input, totals);
  return {
    totals,
    byStage,
    byLateness,
    documents: { rows: documents.slice(0, input.limit), hasMore: documents.length > input.limit },
    reporting,
  };
}
