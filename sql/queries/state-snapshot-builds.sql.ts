// The statements that write one generation of a state table's snapshot (tables in
// sql/clickhouse/0010_state_snapshots.sql and 0013_more_state_snapshots.sql): the state merged
// per key, as the readers in sql/queries/ merge it, written down as plain columns. A base holds
// every key; an overlay (`since` given) only the keys with state rows written after `since`,
// each merged whole.
import { chSql, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { normalisedReference } from './duplicate-invoice-pairs.sql.ts';
import { counterpartyKey } from './payment-matching-documents.sql.ts';
import { stateTables, throughSnapshotSql, type SnapshottedState } from './state-snapshots.sql.ts';

/** FROM the state table: all of it, or the keys with rows written after `since`. */
function changedFrom(state: SnapshottedState, since: ChSql | undefined): ChSql {
  const t = stateTables[state];
  return since === undefined
    ? chSql`FROM ${t.state}`
    : chSql`FROM ${t.state} WHERE ${t.key} IN (SELECT ${t.key} FROM ${t.state} WHERE inserted_at > ${since})`;
}

function documentState(generation: ChSql, since?: ChSql): ChSql {
  return chSql`INSERT INTO document_state_snapshot
    (generation, document_type, stage, entity, document_id, stage_entered_at, first_event_at, last_received_at,
     amount, currency, counterparty_id, counterparty_name, correlation_id, reference, sources)
    SELECT ${generation}, document_type, argMaxMerge(stage), entity, document_id, max(stage_entered_at), min(first_event_at),
           max(last_received_at), argMaxMerge(amount), argMaxMerge(currency), argMaxMerge(counterparty_id),
           argMaxMerge(counterparty_name), argMaxMerge(correlation_id), argMaxMerge(reference), groupUniqArrayArray(sources)
    ${changedFrom('document_state', since)}
    GROUP BY entity, document_type, document_id`;
}

function settlementState(generation: ChSql, since?: ChSql): ChSql {
  return chSql`INSERT INTO settlement_state_snapshot
    (generation, document_type, entity, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id,
     reference, end_to_end_id, credit_debit, value_date, remittance, stage, types, released_at, received_at, last_time, sources, counterparty_key,
     cash_at)
    SELECT ${generation}, document_type, entity, document_id, argMaxMerge(amount), argMaxMerge(currency), argMaxMerge(counterparty_id),
           argMaxMerge(counterparty_name) AS name, argMaxMerge(correlation_id), argMaxMerge(reference), argMaxMerge(end_to_end_id),
           argMaxMerge(credit_debit), argMaxMerge(value_date), argMaxMerge(remittance), argMaxMerge(stage),
           groupUniqArrayArray(types), max(released_at), max(received_at), max(last_time), groupUniqArrayArray(sources),
           ${counterpartyKey(chSql`name`)}, max(cash_at)
    ${changedFrom('settlement_state', since)}
    GROUP BY entity, document_type, document_id`;
}

/**
 * With each payment's amount, currency, counterparty and sources from settlement_state as it is
 * now (read through its snapshot, built just before in the loop's order), for the payments
 * of this generation.
 */
function paymentConfirmationState(generation: ChSql, since?: ChSql): ChSql {
  const t = stateTables.payment_confirmation_state;
  const payments = since === undefined ? [] : [chSql`(entity, document_id) IN (SELECT entity, document_id FROM ${t.state} WHERE inserted_at > ${since})`];
  const settlement = throughSnapshotSql('settlement_state', {
    keys: [chSql`document_type = 'payment'`],
    among: payments,
    snapshotColumns: chSql`entity, document_id, amount, currency, counterparty_id, counterparty_name, sources`,
    snapshotWhere: [],
    mergedColumns: chSql`entity, document_id, argMaxMerge(amount) AS amount, argMaxMerge(currency) AS currency,
      argMaxMerge(counterparty_id) AS counterparty_id, argMaxMerge(counterparty_name) AS counterparty_name,
      groupUniqArrayArray(sources) AS sources`,
    groupBy: chSql`entity, document_id`,
    having: [],
  });
  return chSql`INSERT INTO payment_confirmation_state_snapshot
    (generation, entity, document_id, was_sent, sent_at, has_bank_status, rejected, returned, refused_at, reason_code,
     named_bank, bank_source, last_time, amount, currency, counterparty_id, counterparty_name, sources)
    SELECT ${generation}, c.entity, c.document_id, c.was_sent, c.sent_at, c.has_bank_status, c.rejected, c.returned, c.refused_at,
           c.reason_code, c.named_bank, c.bank_source, c.last_time, s.amount, s.currency, s.counterparty_id, s.counterparty_name, s.sources
    FROM (SELECT entity, document_id, max(was_sent) AS was_sent, max(sent_at) AS sent_at, max(has_bank_status) AS has_bank_status,
                 max(rejected) AS rejected, max(returned) AS returned, max(refused_at) AS refused_at, argMaxMerge(reason_code) AS reason_code,
                 argMaxMerge(named_bank) AS named_bank, argMaxMerge(bank_source) AS bank_source, max(last_time) AS last_time
          ${changedFrom('payment_confirmation_state', since)}
          GROUP BY entity, document_id) AS c
    LEFT JOIN ${settlement} AS s ON s.entity = c.entity AND s.document_id = c.document_id`;
}

function receivablesState(generation: ChSql, since?: ChSql): ChSql {
  return chSql`INSERT INTO receivables_state_snapshot
    (generation, document_type, entity, document_id, amount, has_amount, currency, counterparty_id, counterparty_name,
     correlation_id, promised_date, first_time, made_at, written_off, applied, sources, last_time)
    SELECT ${generation}, document_type, entity, document_id, argMaxMerge(amount), max(has_amount), argMaxMerge(currency),
           argMaxMerge(counterparty_id), argMaxMerge(counterparty_name), argMaxMerge(correlation_id),
           toDate32OrNull(argMaxMerge(promised_date)), min(first_time), min(made_at), max(written_off), max(applied),
           groupUniqArrayArray(sources), max(last_time)
    ${changedFrom('receivables_state', since)}
    GROUP BY entity, document_type, document_id`;
}

function invoiceCaptureState(generation: ChSql, since?: ChSql): ChSql {
  return chSql`INSERT INTO invoice_capture_state_snapshot
    (generation, entity, document_id, source, amount, has_amount, currency, counterparty_id, counterparty_name, reference,
     reference_key, received_at, scheduled, cancelled, paid_at, last_time)
    SELECT ${generation}, entity, document_id, source, argMaxMerge(amount), max(has_amount), argMaxMerge(currency),
           argMaxMerge(counterparty_id), argMaxMerge(counterparty_name), argMaxMerge(reference) AS ref,
           ${normalisedReference(chSql`ref`)}, min(received_at), max(scheduled), max(cancelled), min(paid_at), max(last_time)
    ${changedFrom('invoice_capture_state', since)}
    GROUP BY entity, document_id, source`;
}

/** Per state: writes generation `generation` of its snapshot (a base, or an overlay of the keys changed after `since`). */
export const buildSnapshotSql: Record<SnapshottedState, (generation: ChSql, since?: ChSql) => ChSql> = {
  document_state: documentState,
  settlement_state: settlementState,
  payment_confirmation_state: paymentConfirmationState,
  receivables_state: receivablesState,
  invoice_capture_state: invoiceCaptureState,
};
