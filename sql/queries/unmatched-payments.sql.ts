// Unmatched payments, as of a moment, one row per document behind the number:
//   bank_entry_unmatched  a booked bank entry with no full match in payment_matches;
//   payment_unsettled     a released/sent payment with no settled status and no matching
//                         debit entry, past the entity's confirmation SLA (hours) since it
//                         was last released/sent; rejected or returned payments are not
//                         counted here (they are in delayed bank confirmations);
//   receipt_unapplied     a received customer receipt not applied after receiptApplyDays.
// A match counts only if its evidence was known at the moment (evidence_time <= now).
// `difference` shows a partial match (exact reference, amount outside tolerance):
// entry amount minus document amount; empty when there is none.
import { chSql, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from './current-documents.sql.ts';
import {
  bankEntriesForKeysSql,
  bankEntriesSql,
  settlementDocumentsForKeysSql,
  settlementDocumentsSql,
  settlementRowConditions,
} from './payment-matching-documents.sql.ts';

/** A per-entity setting: `entities[i]` has `values[i]`; any other entity has `fallback`. */
export interface EntitySetting {
  entities: string[];
  values: number[];
  fallback: number;
}

export interface UnmatchedQuery {
  /** filter.asOf set: documents as known then; unset: the kept settlement_state. */
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: the moment SLAs are read at. */
  now: string;
  confirmationSlaHours: EntitySetting;
  receiptApplyDays: EntitySetting;
  /** false: leave out the due-time condition (what the matcher keeps, unmatched-payment-items.sql.ts). Default true. */
  dueFilter?: boolean;
  /**
   * Now only (filter.asOf unset): the rule for these documents alone, a subquery of (entity,
   * document_type, document_id), read by primary key from settlement_state and payment_matches.
   */
  forKeys?: ChSql;
}

export const perEntity = (s: EntitySetting): ChSql =>
  chSql`transform(entity, ${p.strings(s.entities)}, ${p.uint32s(s.values)}, ${p.uint32(s.fallback)})`;

/** A payment's types say it was released or sent and has no settled, rejected or returned status. */
const awaitingSettlement = (types: ChSql): ChSql => chSql`(has(${types}, 'finance.payment.released') OR has(${types}, 'finance.payment.sent'))
  AND NOT hasAny(${types}, ['finance.payment.settled', 'finance.payment.rejected', 'finance.payment.returned'])`;
/** A receipt's types say it was received and not applied. */
const receivedNotApplied = (types: ChSql): ChSql => chSql`has(${types}, 'finance.receipt.received') AND NOT has(${types}, 'finance.receipt.applied')`;
/** A payment's or receipt's due time: the entity's confirmation SLA (hours) or receipt apply window (days) after `since`. */
const documentDueAt = (q: UnmatchedQuery, isPayment: ChSql, since: ChSql): ChSql =>
  chSql`if(${isPayment}, ${since} + toIntervalHour(${perEntity(q.confirmationSlaHours)}), ${since} + toIntervalDay(${perEntity(q.receiptApplyDays)}))`;

/** One row per unmatched document: kind, keys, money, since/due and the partial difference. */
export function unmatchedPaymentsSql(q: UnmatchedQuery): ChSql {
  if (q.forKeys && q.filter.asOf !== undefined) throw new Error('unmatched payments for given documents are read now, not as of a moment');
  if (q.forKeys) return unmatchedForKeysSql(q, q.forKeys);
  const now = p.dateTime64(q.now);
  const matches = chSql`(SELECT * FROM payment_matches FINAL WHERE evidence_time <= ${now})`;
  const entries = bankEntriesSql(q.filter.asOf);
  const documents = settlementDocumentsSql(q.filter.asOf);
  const due = q.dueFilter === false ? chSql`1` : chSql`due_at < ${now}`;
  const columns = chSql`entity, document_type, document_id, currency, amount, counterparty_id, counterparty_name, sources`;
  return chSql`(SELECT * FROM (
    SELECT 'bank_entry_unmatched' AS kind, ${columns}, since, since AS due_at, difference
    FROM (SELECT e.entity AS entity, 'bank_entry' AS document_type, e.document_id AS document_id, e.currency AS currency,
            e.amount AS amount, e.counterparty_id AS counterparty_id, e.counterparty_name AS counterparty_name,
            e.sources AS sources, e.last_time AS since, partial.difference AS difference
          FROM ${entries} AS e
          LEFT JOIN (SELECT entity, bank_entry_id, toString(any(difference)) AS difference FROM ${matches}
                     WHERE within_tolerance = 0 GROUP BY entity, bank_entry_id) AS partial
            ON partial.entity = e.entity AND partial.bank_entry_id = e.document_id
          WHERE (e.entity, e.document_id) NOT IN (SELECT entity, bank_entry_id FROM ${matches} WHERE within_tolerance = 1))
    UNION ALL
    SELECT kind, ${columns}, since, due_at, difference
    -- payments and receipts in one pass over the settlement documents (one snapshot read)
    FROM (SELECT if(d.document_type = 'payment', 'payment_unsettled', 'receipt_unapplied') AS kind,
            d.entity AS entity, d.document_type AS document_type, d.document_id AS document_id, d.currency AS currency,
            d.amount AS amount, d.counterparty_id AS counterparty_id, d.counterparty_name AS counterparty_name,
            d.sources AS sources, if(d.document_type = 'payment', d.released_at, d.received_at) AS since,
            ${documentDueAt(q, chSql`d.document_type = 'payment'`, chSql`since`)} AS due_at,
            if(d.document_type = 'payment', partial.difference, '') AS difference
          FROM ${documents} AS d
          LEFT JOIN (SELECT entity, document_id, toString(any(difference)) AS difference FROM ${matches}
                     WHERE within_tolerance = 0 AND document_type = 'payment' GROUP BY entity, document_id) AS partial
            ON partial.entity = d.entity AND partial.document_id = d.document_id
          WHERE ((d.document_type = 'payment' AND ${awaitingSettlement(chSql`d.types`)}
                  AND (d.entity, d.document_id) NOT IN (SELECT entity, document_id FROM ${matches}
                       WHERE within_tolerance = 1 AND document_type = 'payment' AND credit_debit = 'DBIT'))
              OR (d.document_type = 'receipt' AND ${receivedNotApplied(chSql`d.types`)}))
            AND ${due})
  ) WHERE ${settlementRowConditions(q.filter)})`;
}

/**
 * unmatchedPaymentsSql for the documents of `keys` alone (read by primary key): the same rule,
 * with the entries and the documents in one stream and their matches read once — per
 * document whether it is fully matched and the difference of a partial match (entries: any
 * match row of theirs; payments: their debit matches) — instead of once per use.
 */
function unmatchedForKeysSql(q: UnmatchedQuery, keys: ChSql): ChSql {
  const now = p.dateTime64(q.now);
  const due = q.dueFilter === false ? chSql`1` : chSql`due_at < ${now}`;
  const flags = chSql`(SELECT entity, side.1 AS document_type, side.2 AS document_id, max(side.3) AS matched,
      if(countIf(side.4) > 0, toString(anyIf(difference, side.4)), '') AS partial
    FROM (SELECT entity, difference, arrayJoin([
        ('bank_entry', bank_entry_id, within_tolerance = 1, within_tolerance = 0),
        (toString(document_type), document_id, within_tolerance = 1 AND document_type = 'payment' AND credit_debit = 'DBIT',
          within_tolerance = 0 AND document_type = 'payment')]) AS side
      FROM ${latestMatchesForKeysSql(now, keys)})
    GROUP BY entity, document_type, document_id)`;
  const epoch = chSql`toDateTime64(0, 3, 'UTC')`;
  const rows = chSql`(SELECT entity, 'bank_entry' AS document_type, document_id, currency, amount, counterparty_id, counterparty_name,
        sources, last_time, CAST([] AS Array(String)) AS types, ${epoch} AS released_at, ${epoch} AS received_at
      FROM ${bankEntriesForKeysSql(keys)}
      UNION ALL
      SELECT entity, toString(document_type), document_id, currency, amount, counterparty_id, counterparty_name,
        sources, last_time, types, released_at, received_at
      FROM ${settlementDocumentsForKeysSql(keys)})`;
  return chSql`(SELECT * FROM (
    SELECT multiIf(r.document_type = 'bank_entry', 'bank_entry_unmatched', r.document_type = 'payment', 'payment_unsettled', 'receipt_unapplied') AS kind,
      r.entity AS entity, r.document_type AS document_type, r.document_id AS document_id, r.currency AS currency, r.amount AS amount,
      r.counterparty_id AS counterparty_id, r.counterparty_name AS counterparty_name, r.sources AS sources,
      multiIf(kind = 'bank_entry_unmatched', r.last_time, kind = 'payment_unsettled', r.released_at, r.received_at) AS since,
      if(kind = 'bank_entry_unmatched', since, ${documentDueAt(q, chSql`kind = 'payment_unsettled'`, chSql`since`)}) AS due_at,
      if(kind = 'receipt_unapplied', '', f.partial) AS difference
    FROM ${rows} AS r
    LEFT JOIN ${flags} AS f ON f.entity = r.entity AND f.document_type = r.document_type AND f.document_id = r.document_id
    WHERE (kind = 'bank_entry_unmatched' AND f.matched = 0)
      OR (((kind = 'payment_unsettled' AND ${awaitingSettlement(chSql`r.types`)} AND f.matched = 0)
          OR (kind = 'receipt_unapplied' AND ${receivedNotApplied(chSql`r.types`)}))
        AND ${due})
  ) WHERE ${settlementRowConditions(q.filter)})`;
}

/**
 * The latest version of each match row (as FINAL gives it) naming one of `keys`' documents,
 * known at `now`: the entry side by payment_matches' primary key, the document side by a scan
 * of its key columns; only those rows are grouped.
 */
function latestMatchesForKeysSql(now: ChParam, keys: ChSql): ChSql {
  return chSql`(SELECT entity, bank_entry_id, document_type, document_id, latest_within AS within_tolerance,
      latest_difference AS difference, latest_credit_debit AS credit_debit
    FROM (SELECT entity, bank_entry_id, document_type, document_id,
        argMax(within_tolerance, matched_at) AS latest_within, argMax(difference, matched_at) AS latest_difference,
        argMax(credit_debit, matched_at) AS latest_credit_debit, argMax(evidence_time, matched_at) AS latest_evidence
      FROM payment_matches
      WHERE (entity, bank_entry_id) IN (SELECT entity, document_id FROM ${keys} WHERE document_type = 'bank_entry')
         OR (entity, document_type, document_id) IN ${keys}
      GROUP BY entity, bank_entry_id, document_type, document_id)
    WHERE latest_evidence <= ${now})`;
}

/** Matches known at the moment, by rule (documents matched and entry money explained). */
export function matchesByRuleSql(q: { filter: DocumentFilter; now: string }): ChSql {
  const entities = q.filter.entities?.length ? chSql`AND entity IN ${p.strings(q.filter.entities)}` : chSql``;
  const currencies = q.filter.currencies?.length ? chSql`AND currency IN ${p.strings(q.filter.currencies)}` : chSql``;
  const matches = chSql`(SELECT * FROM payment_matches FINAL
    WHERE within_tolerance = 1 AND evidence_time <= ${p.dateTime64(q.now)} ${entities} ${currencies})`;
  // A one-to-many match has a row per entry for the same document, and a many-to-one match a
  // row per document for the same entry: documents (and their amounts) are counted once per
  // document, entries once per entry, each in its own grouping, joined on (rule, currency).
  // (Collecting each document's entries into arrays to count them took half again as long.)
  return chSql`SELECT d.rule AS rule, d.currency AS currency, e.bank_entries AS bank_entries, d.documents AS documents,
      d.document_amount AS document_amount
    FROM (
      SELECT rule, currency, toString(count()) AS documents, toString(sum(amount_once)) AS document_amount
      FROM (SELECT rule, currency, entity, document_type, document_id, any(document_amount) AS amount_once
            FROM ${matches} GROUP BY rule, currency, entity, document_type, document_id)
      GROUP BY rule, currency) AS d
    INNER JOIN (SELECT rule, currency, toString(uniqExact(entity, bank_entry_id)) AS bank_entries FROM ${matches} GROUP BY rule, currency) AS e
      ON d.rule = e.rule AND d.currency = e.currency
    ORDER BY rule, currency`;
}
