// Bank confirmations of sent payments, as of a moment, one row per payment that needs
// attention:
//   awaiting_bank_status  sent, no bank status (acknowledged / settled / rejected /
//                         returned) known yet, and the entity's confirmation SLA (hours
//                         from the latest send) has passed;
//   rejected / returned   the bank refused or sent the money back, with its reason code
//                         (from the latest such event).
// The bank is data.bank of the payment's events, else the source of its bank events
// (bank/...), else '' (not known).
//
// Now (filter.asOf undefined), the payments come from the incrementally kept state, read
// through its snapshot: payment_confirmation_state (send, bank answer, refusal, reason, bank,
// and — in the snapshot — amount, currency, counterparty and sources from settlement_state)
// narrows them to the ones that need attention; only those changed since the snapshot have
// their amount and the rest read from settlement_state. Payments with an event dated after `now` (rare) are
// recomputed from their events, so the answer is the same as reading the events up to `now`.
// As of a past moment, everything is recomputed from the events.
import { chSql, join, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from './current-documents.sql.ts';
import { settlementRowConditions } from './payment-matching-documents.sql.ts';
import { throughSnapshotSql, writtenSinceSnapshot } from './state-snapshots.sql.ts';
import type { EntitySetting } from './unmatched-payments.sql.ts';

export interface BankConfirmationQuery {
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  now: string;
  confirmationSlaHours: EntitySetting;
}

const bankStatuses = chSql`('finance.payment.acknowledged', 'finance.payment.settled', 'finance.payment.rejected', 'finance.payment.returned')`;

/** Payments recomputed from their events up to `now`; `keys`: only these (entity, document_id). */
function paymentsFromEventsSql(now: ChParam, keys?: ChSql): ChSql {
  const among = keys ? chSql` AND (entity, document_id) IN (${keys})` : chSql``;
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
    FROM (SELECT * FROM finance_events WHERE document_type = 'payment' AND time <= ${now}${among} LIMIT 1 BY source, id)
    GROUP BY entity, document_id
    HAVING amount IS NOT NULL)`;
}

/**
 * The same columns as paymentsFromEventsSql, from the kept state, for the payments that need
 * attention (`attention` over the state's flags) — plus, recomputed from the events, the
 * payments with an event dated after `now`. payment_confirmation_state is read through its
 * snapshot (state-snapshots.sql.ts), whose rows carry amount, currency, counterparty and
 * sources as settlement_state had them when it was built; for the payments changed since
 * (merged afresh), those come from settlement_state merged for just their keys.
 */
function paymentsFromStateSql(now: ChParam, filter: DocumentFilter, slaHours: ChSql, asStored = false): ChSql {
  const entities = filter.entities?.length ? [chSql`entity IN ${p.strings(filter.entities)}`] : [];
  // asStored: every payment that needs attention now or will once its SLA passes, events after `now` included
  const attention = (f: { wasSent: ChSql; sentAt: ChSql; bankStatus: ChSql; rejected: ChSql; returned: ChSql; lastTime: ChSql }) => asStored
    ? chSql`(${f.rejected} OR ${f.returned} OR (${f.wasSent} AND ${f.bankStatus} = 0))`
    : chSql`${f.lastTime} <= ${now} AND (${f.rejected} OR ${f.returned} OR (${f.wasSent} AND ${f.bankStatus} = 0 AND ${f.sentAt} + toIntervalHour(${slaHours}) < ${now}))`;
  const flags = throughSnapshotSql('payment_confirmation_state', {
    keys: entities,
    snapshotColumns: chSql`entity, document_id, was_sent, sent_at, has_bank_status AS bank_statuses, rejected, returned, refused_at,
      reason_code, if(named_bank != '', named_bank, bank_source) AS bank, 1 AS from_snapshot, amount, currency, counterparty_id,
      counterparty_name, sources`,
    snapshotWhere: [attention({ wasSent: chSql`was_sent`, sentAt: chSql`sent_at`, bankStatus: chSql`has_bank_status`, rejected: chSql`rejected`, returned: chSql`returned`, lastTime: chSql`last_time` })],
    mergedColumns: chSql`${mergedConfirmationColumns}, 0 AS from_snapshot,
      CAST(NULL AS Nullable(Decimal(38, 4))) AS amount, '' AS currency, '' AS counterparty_id, '' AS counterparty_name,
      CAST([] AS Array(String)) AS sources`,
    groupBy: chSql`entity, document_id`,
    // (the merged columns' aliases: a column named inside an aggregate here would be its alias)
    having: [attention({ wasSent: chSql`was_sent`, sentAt: chSql`sent_at`, bankStatus: chSql`bank_statuses`, rejected: chSql`rejected`, returned: chSql`returned`, lastTime: chSql`max(last_time)` })],
  });
  // (a payment has an event after `now` when any of its state rows has)
  const later = chSql`SELECT entity, document_id FROM payment_confirmation_state WHERE ${join([chSql`last_time > ${now}`, ...entities], ' AND ')}`;
  // settlement_state by its primary key for the payments merged afresh (changed since the snapshot)
  const changedPayments = chSql`SELECT entity, document_id FROM payment_confirmation_state
    WHERE ${join([writtenSinceSnapshot('payment_confirmation_state'), ...entities], ' AND ')}`;
  const settlement = settlementOfPaymentsSql(changedPayments);
  const pick = (column: string): ChSql => ({ kind: 'sql', parts: [`if(c.from_snapshot = 1, c.${column}, s.${column}) AS ${column}`], values: [] });
  const current = chSql`(SELECT * FROM (
      SELECT c.entity AS entity, c.document_id AS document_id, ${pick('amount')}, ${pick('currency')}, ${pick('counterparty_id')},
        ${pick('counterparty_name')}, c.was_sent AS was_sent, c.sent_at AS sent_at, c.bank_statuses AS bank_statuses,
        c.rejected AS rejected, c.returned AS returned, c.refused_at AS refused_at, c.reason_code AS reason_code, c.bank AS bank,
        ${pick('sources')}
      FROM ${flags} AS c
      LEFT JOIN ${settlement} AS s ON s.entity = c.entity AND s.document_id = c.document_id)
    WHERE amount IS NOT NULL)`;
  if (asStored) return current;
  return chSql`(SELECT * FROM ${current}
    UNION ALL
    SELECT entity, document_id, amount, currency, counterparty_id, counterparty_name, was_sent, sent_at, bank_statuses,
        rejected, returned, refused_at, reason_code, bank, sources
    FROM ${paymentsFromEventsSql(now, later)})`;
}

/** The merged payment_confirmation_state columns of a payment (GROUP BY entity, document_id). */
const mergedConfirmationColumns = chSql`entity, document_id, max(was_sent) AS was_sent, max(sent_at) AS sent_at, max(has_bank_status) AS bank_statuses,
      max(rejected) AS rejected, max(returned) AS returned, max(refused_at) AS refused_at, argMaxMerge(reason_code) AS reason_code,
      if(argMaxMerge(named_bank) != '', argMaxMerge(named_bank), argMaxMerge(bank_source)) AS bank`;

/** Amount, currency, counterparty and sources of the payments `keys` (entity, document_id), merged from settlement_state by primary key. */
function settlementOfPaymentsSql(keys: ChSql): ChSql {
  return chSql`(SELECT entity, document_id, argMaxMerge(amount) AS amount, argMaxMerge(currency) AS currency,
      argMaxMerge(counterparty_id) AS counterparty_id, argMaxMerge(counterparty_name) AS counterparty_name,
      groupUniqArrayArray(sources) AS sources
    FROM settlement_state WHERE document_type = 'payment' AND (entity, document_type, document_id) IN (SELECT entity, 'payment', document_id FROM (${keys}))
    GROUP BY entity, document_id)`;
}

/** The columns of a payment as paymentsFromEventsSql gives them, in this order. */
export const confirmationPaymentColumns = chSql`entity, document_id, amount, currency, counterparty_id, counterparty_name, was_sent, sent_at,
  bank_statuses, rejected, returned, refused_at, reason_code, bank, sources`;

/**
 * Payments as of `now` for the keys `current` (entity, document_id), merged from the states by
 * primary key, and `later` (with an event dated after `now`) recomputed from their events.
 */
function paymentsOfKeysSql(now: ChParam, current: ChSql, later?: ChSql): ChSql {
  const merged = chSql`(SELECT c.entity AS entity, c.document_id AS document_id, s.amount AS amount, s.currency AS currency,
        s.counterparty_id AS counterparty_id, s.counterparty_name AS counterparty_name, c.was_sent AS was_sent, c.sent_at AS sent_at,
        c.bank_statuses AS bank_statuses, c.rejected AS rejected, c.returned AS returned, c.refused_at AS refused_at,
        c.reason_code AS reason_code, c.bank AS bank, s.sources AS sources
      FROM (SELECT ${mergedConfirmationColumns} FROM payment_confirmation_state WHERE (entity, document_id) IN (${current})
            GROUP BY entity, document_id) AS c
      INNER JOIN ${settlementOfPaymentsSql(current)} AS s ON s.entity = c.entity AND s.document_id = c.document_id
      WHERE amount IS NOT NULL)`;
  if (!later) return merged;
  return chSql`(SELECT ${confirmationPaymentColumns} FROM ${merged}
    UNION ALL SELECT ${confirmationPaymentColumns} FROM ${paymentsFromEventsSql(now, later)})`;
}

/**
 * Every payment that needs attention now or will once its SLA passes (rejected, returned, or
 * sent without a bank status), as the states hold it (events after any moment included):
 * what a kept generation of confirmations holds (kept-confirmations.sql.ts).
 */
export function watchedPaymentsSql(): ChSql {
  const never = p.dateTime64('2299-12-31 00:00:00.000');
  return chSql`(SELECT ${confirmationPaymentColumns} FROM ${paymentsFromStateSql(never, {}, chSql`0`, true)})`;
}

/** The rows of bankConfirmationsSql from `payments` (confirmationPaymentColumns) at `now`. */
export function confirmationRowsSql(q: BankConfirmationQuery, payments: ChSql): ChSql {
  const now = p.dateTime64(q.now);
  const s = q.confirmationSlaHours;
  const slaHours = chSql`transform(entity, ${p.strings(s.entities)}, ${p.uint32s(s.values)}, ${p.uint32(s.fallback)})`;
  return chSql`(SELECT * FROM (
      SELECT entity, document_id, amount, currency, counterparty_id, counterparty_name, bank, sources,
        multiIf(returned, 'returned', rejected, 'rejected', 'awaiting_bank_status') AS status,
        if(status = 'awaiting_bank_status', '', reason_code) AS reason_code,
        sent_at, if(status = 'awaiting_bank_status', sent_at + toIntervalHour(${slaHours}), refused_at) AS due_at
      FROM ${payments}
      WHERE rejected OR returned OR (was_sent AND bank_statuses = 0 AND sent_at + toIntervalHour(${slaHours}) < ${now})
    ) WHERE ${settlementRowConditions(q.filter)})`;
}

/** bankConfirmationsSql for the payments `current` and `later` only (see paymentsOfKeysSql). */
export function bankConfirmationsOfKeysSql(q: BankConfirmationQuery, current: ChSql, later?: ChSql): ChSql {
  return confirmationRowsSql(q, paymentsOfKeysSql(p.dateTime64(q.now), current, later));
}

/** One row per payment awaiting its bank status past SLA, or rejected / returned. */
export function bankConfirmationsSql(q: BankConfirmationQuery): ChSql {
  const now = p.dateTime64(q.now);
  const s = q.confirmationSlaHours;
  const slaHours = chSql`transform(entity, ${p.strings(s.entities)}, ${p.uint32s(s.values)}, ${p.uint32(s.fallback)})`;
  return confirmationRowsSql(q, q.filter.asOf === undefined ? paymentsFromStateSql(now, q.filter, slaHours) : paymentsFromEventsSql(now));
}
