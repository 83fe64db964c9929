// Close-risk component: unmatched bank entries, unsettled payments and unapplied receipts
// (metric 2), aged from when each fell due.
import { chSql } from '../../../../platform/clickhouse/sql-template.ts';
import { unmatchedPaymentsSql } from '../../../../sql/queries/unmatched-payments.sql.ts';
import { runPaymentMatcher } from '../../../matching/payment-matcher.ts';
import { hoursUntilNow, matchingSetting, type MoneyRiskComponent } from '../component.ts';

export const unmatchedPaymentsComponent: MoneyRiskComponent = {
  name: 'unmatched_payments',
  label: 'Unmatched payments',
  cap: 25,
  // the matcher's bounded step, as an unmatched-payments read takes it (never a catch-up)
  prepare: async (ch, settings) => {
    await runPaymentMatcher(ch, settings);
  },
  rowsSql: ({ filter, now, settings }) => chSql`(SELECT entity, document_type, document_id, currency, amount, since,
      toFloat64(${hoursUntilNow(chSql`due_at`, now)}) AS age_hours
    FROM ${unmatchedPaymentsSql({
      filter,
      now,
      confirmationSlaHours: matchingSetting(settings, (m) => m.confirmationSlaHours),
      receiptApplyDays: matchingSetting(settings, (m) => m.receiptApplyDays),
    })})`,
};
