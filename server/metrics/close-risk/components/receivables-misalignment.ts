// Close-risk component: broken promises to pay and customers whose CRM commitments disagree
// with ERP open receivables (metric 4). Money at risk is the shortfall / the absolute
// difference; it starts at the (earliest) promised date, and is aged from it.
import { chSql } from '../../../../platform/clickhouse/sql-template.ts';
import { receivablesMisalignmentSql } from '../../../../sql/queries/receivables-misalignment.sql.ts';
import { receivablesEntitySettings } from '../../receivables-misalignment.ts';
import { hoursUntilNow, type MoneyRiskComponent } from '../component.ts';

export const receivablesMisalignmentComponent: MoneyRiskComponent = {
  name: 'receivables_misalignment',
  label: 'Receivables misalignment',
  cap: 15,
  rowsSql: ({ filter, now, settings }) => chSql`(SELECT entity,
      if(kind = 'broken_promise', 'collection_commitment', 'customer') AS document_type,
      if(kind = 'broken_promise', commitment_ids[1], concat(counterparty_id, '/', currency)) AS document_id,
      currency, at_risk AS amount, toDateTime64(promised_date, 3, 'UTC') AS since,
      toFloat64(greatest(${hoursUntilNow(chSql`toDateTime64(promised_date, 3, 'UTC')`, now)}, 0)) AS age_hours
    FROM ${receivablesMisalignmentSql({
      scope: { now, entities: filter.entities, current: filter.asOf === undefined },
      settings: receivablesEntitySettings(settings, Date.parse(`${now.replace(' ', 'T')}Z`)),
    })})`,
};
