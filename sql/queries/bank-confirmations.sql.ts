// Bank confirmations of sent payments, as of a moment, one row per payment that needs
// attention:
//   awaiting_bank_status  sent, no bank status (acknowledged / settled / rejected /
//                         returned) known yet, and the entity's confirmation SLA (hours
//                         from the latest send) has passed;
//   rejected / returned   the bank refused or sent the money back, with its reason code
//                         (from the latest such event).
// The bank is data.bank of the payment's events, else the source of its bank events
// (bank/...), else '' (not known).
import { chSql, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from './current-documents.sql.ts';
import { settlementRowConditions } from './payment-matching-documents.sql.ts';
import type { EntitySetting } from './unmatched-payments.sql.ts';

export interface BankConfirmationQuery {
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  now: string;
  confirmationSlaHours: EntitySetting;
}

const bankStatuses = chSql`('finance.payment.acknowledged', 'finance.payment.settled', 'finance.payment.rejected', 'finance.payment.returned')`;

function paymentsSql(now: ChParam): ChSql {
  return chSql`(SELECT entity, document_id,
      argMax(amount, (time, source, id)) AS amount,
      argMaxIf(currency, (time, source, id), currency != '') AS currency,
      argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
      argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
      countIf(type = 'finance.payment.sent') > 0 AS was_sent,
      maxIf(time, type = 'finance.payment.sent') AS sent_at,
      countIf(type IN ${bankStatuses}) AS bank_statuses,
      countIf(type = 'finance.payment.rejected') > 0 AS rejected,
      countIf(type = 'finance.payment.returned') > 0 AS returned,
      maxIf(time, type IN ('finance.payment.rejected', 'finance.payment.returned')) AS refused_at,
      argMaxIf(JSONExtractString(data, 'reason_code'), (time, source, id),
        type IN ('finance.payment.rejected', 'finance.payment.returned')) AS reason_code,
      argMaxIf(JSONExtractString(data, 'bank'), (time, source, id), JSONExtractString(data, 'bank') != '') AS named_bank,
      argMaxIf(source, (time, source, id), startsWith(source, 'bank/')) AS bank_source,
      if(named_bank != '', named_bank, bank_source) AS bank,
      groupUniqArray(source) AS sources
    FROM (SELECT * FROM finance_events WHERE document_type = 'payment' AND time <= ${now} LIMIT 1 BY source, id)
    GROUP BY entity, document_id
    HAVING amount IS NOT NULL)`;
}

/** One row per payment awaiting its bank status past SLA, or rejected / returned. */
export function bankConfirmationsSql(q: BankConfirmationQuery): ChSql {
  const now = p.dateTime64(q.now);
  const s = q.confirmationSlaHours;
  const slaHours = chSql`transform(entity, ${p.strings(s.entities)}, ${p.uint32s(s.values)}, ${p.uint32(s.fallback)})`;
  return chSql`(SELECT * FROM (
      SELECT entity, document_id, amount, currency, counterparty_id, counterparty_name, bank, sources,
        multiIf(returned, 'returned', rejected, 'rejected', 'awaiting_bank_status') AS status,
        if(status = 'awaiting_bank_status', '', reason_code) AS reason_code,
        sent_at, if(status = 'awaiting_bank_status', sent_at + toIntervalHour(${slaHours}), refused_at) AS due_at
      FROM ${paymentsSql(now)}
      WHERE rejected OR returned OR (was_sent AND bank_statuses = 0 AND sent_at + toIntervalHour(${slaHours}) < ${now})
    ) WHERE ${settlementRowConditions(q.filter)})`;
}
