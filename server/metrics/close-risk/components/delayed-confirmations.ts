// Close-risk component: sent payments without a bank status past SLA, and rejected or
// returned payments (metric 5), aged from the SLA due time or the refusal.
import { chSql } from '../../../../platform/clickhouse/sql-template.ts';
import { bankConfirmationsSql } from '../../../../sql/queries/bank-confirmations.sql.ts';
import { hoursUntilNow, matchingSetting, type MoneyRiskComponent } from '../component.ts';

export const delayedConfirmationsComponent: MoneyRiskComponent = {
  name: 'delayed_confirmations',
  label: 'Delayed bank confirmations',
  cap: 20,
  rowsSql: ({ filter, now, settings }) => chSql`(SELECT entity, 'payment' AS document_type, document_id, currency, amount, sent_at AS since,
      toFloat64(${hoursUntilNow(chSql`due_at`, now)}) AS age_hours
    FROM ${bankConfirmationsSql({ filter, now, confirmationSlaHours: matchingSetting(settings, (m) => m.confirmationSlaHours) })})`,
};
