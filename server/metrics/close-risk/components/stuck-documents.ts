// Close-risk component: documents stuck past their stage SLA (metric 1), aged by hours past due.
import { chSql } from '../../../../platform/clickhouse/sql-template.ts';
import { stuckDocumentsSql } from '../../../../sql/queries/stuck-documents.sql.ts';
import type { MoneyRiskComponent } from '../component.ts';

export const stuckDocumentsComponent: MoneyRiskComponent = {
  name: 'stuck_documents',
  label: 'Stuck documents',
  cap: 30,
  rowsSql: ({ filter, now, settings }) => chSql`(SELECT entity, document_type, document_id, currency, amount,
      stage_entered_at AS since, toFloat64(hours_past_due) AS age_hours
    FROM (${stuckDocumentsSql({ filter, now, policies: settings.slaPolicies, calendarEntities: settings.entities.map((e) => e.entity) })}))`,
};
