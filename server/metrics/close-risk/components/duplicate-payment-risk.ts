// Close-risk component: supplier invoices that look captured twice (metric 6); the money at
// risk is the later capture's amount, aged from when it was captured.
import { chSql } from '../../../../platform/clickhouse/sql-template.ts';
import { duplicateInvoicePairsSql } from '../../../../sql/queries/duplicate-invoice-pairs.sql.ts';
import { hoursUntilNow, matchingSetting, type MoneyRiskComponent } from '../component.ts';

export const duplicatePaymentRiskComponent: MoneyRiskComponent = {
  name: 'duplicate_payment_risk',
  label: 'Duplicate payment risk',
  cap: 15,
  rowsSql: ({ filter, now, settings }) => chSql`(SELECT entity, 'supplier_invoice' AS document_type, invoice_b AS document_id, currency,
      at_risk AS amount, time_b AS since, toFloat64(greatest(${hoursUntilNow(chSql`time_b`, now)}, 0)) AS age_hours
    FROM ${duplicateInvoicePairsSql({
      now,
      current: filter.asOf === undefined,
      windowDays: matchingSetting(settings, (m) => m.duplicateWindowDays),
      maxDistance: matchingSetting(settings, (m) => m.duplicateMaxDistance),
      entities: filter.entities,
    })}
    LIMIT 1 BY entity, invoice_b)`,
};
