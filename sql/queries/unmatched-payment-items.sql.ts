// The unmatched payments the payment matcher keeps (sql/clickhouse/0018_unmatched_payment_items.sql):
// what a run writes for the documents it looked at, and how a read puts the answer together
// from the kept rows and the rule recomputed for the documents changed since the run.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { documentKeysSql, type DocumentKeys } from './document-keys.sql.ts';
import { settlementRowConditions } from './payment-matching-documents.sql.ts';
import { perEntity, unmatchedPaymentsSql, type UnmatchedQuery } from './unmatched-payments.sql.ts';

/** The latest run's mark: which epoch its rows are in, and what changed after it flagged. */
export interface UnmatchedItemsMark {
  epoch: string;
  /** Settlement rows written after this are recomputed. */
  watermark: string;
  /** Matches written from the run's start on are recomputed. */
  startedAt: string;
}

const settlementTypes = chSql`('bank_entry', 'payment', 'receipt')`;
const noSetting = { entities: [], values: [], fallback: 0 };

/** (entity, document_type, document_id) of both documents of every match row written from `from` on. */
const matchKeysSince = (from: string): ChSql => chSql`
  SELECT entity, 'bank_entry' AS document_type, bank_entry_id AS document_id FROM payment_matches WHERE matched_at >= ${p.dateTime64(from)}
  UNION ALL
  SELECT entity, document_type, document_id FROM payment_matches WHERE matched_at >= ${p.dateTime64(from)}`;

/** The documents an incremental run flags: settlement rows written after `since`, and matches written from `runStart` on. */
export function documentsToFlagSql(since: string, runStart: string): ChSql {
  return chSql`(SELECT DISTINCT entity, document_type, document_id FROM (
    SELECT entity, document_type, document_id FROM settlement_state
    WHERE inserted_at > ${p.dateTime64(since)} AND document_type IN ${settlementTypes}
    UNION ALL ${matchKeysSince(runStart)}))`;
}

const itemColumns = chSql`epoch, entity, document_type, document_id, open, volatile, kind, currency, amount, counterparty_id,
  counterparty_name, sources, since, difference, flagged_at`;

/**
 * Writes a run's rows into `epoch`: `documents` = 'all' (a new epoch: every open document)
 * or a subquery of the documents the run looked at (an open row for each that is open, a
 * closed row for each that the epoch holds and no longer is). `now` is the run's start: the
 * matches known then decide, and a document with a match dated later is volatile.
 */
export function flagUnmatchedItemsSql(q: { epoch: number; now: string; documents: 'all' | ChSql }): ChSql {
  const now = p.dateTime64(q.now);
  const rule: UnmatchedQuery = { filter: {}, now: q.now, confirmationSlaHours: noSetting, receiptApplyDays: noSetting, dueFilter: false };
  const open = unmatchedPaymentsSql(q.documents === 'all' ? rule : { ...rule, forKeys: q.documents });
  const later = chSql`(SELECT entity, 'bank_entry', bank_entry_id FROM payment_matches WHERE evidence_time > ${now}
    UNION ALL SELECT entity, document_type, document_id FROM payment_matches WHERE evidence_time > ${now})`;
  const openRows = chSql`SELECT ${p.uint64(q.epoch)} AS epoch, entity, document_type, document_id, 1 AS open,
      (entity, document_type, document_id) IN ${later} AS volatile, kind, currency, amount, counterparty_id, counterparty_name,
      sources, since, difference, ${now} AS flagged_at
    FROM ${open}`;
  if (q.documents === 'all') return chSql`INSERT INTO unmatched_payment_items (${itemColumns}) ${openRows}`;
  const closedRows = chSql`SELECT ${p.uint64(q.epoch)}, entity, document_type, document_id, 0, 0, '', '', NULL, '', '', [],
      toDateTime64(0, 3, 'UTC'), '', ${now}
    FROM ${q.documents}
    WHERE (entity, document_type, document_id) NOT IN (SELECT entity, document_type, document_id FROM ${open})
      AND (entity, document_type, document_id) IN (SELECT entity, document_type, document_id FROM unmatched_payment_items
        WHERE epoch = ${p.uint64(q.epoch)})`;
  return chSql`INSERT INTO unmatched_payment_items (${itemColumns}) ${openRows} UNION ALL ${closedRows}`;
}

/** The documents a read recomputes: changed since the run, and the epoch's volatile ones. */
export function changedSinceMarkSql(mark: UnmatchedItemsMark): ChSql {
  return chSql`(SELECT DISTINCT entity, document_type, document_id FROM (
    SELECT entity, document_type, document_id FROM settlement_state
    WHERE inserted_at > ${p.dateTime64(mark.watermark)} AND document_type IN ${settlementTypes}
    UNION ALL ${matchKeysSince(mark.startedAt)}
    UNION ALL SELECT entity, document_type, document_id FROM unmatched_payment_items
    WHERE epoch = ${p.uint64(mark.epoch)} AND volatile = 1))`;
}

/**
 * Unmatched payments now, with the same columns and rows as unmatchedPaymentsSql(q): the
 * epoch's open rows of the documents that did not change since the run (due time and
 * filters applied now), and the rule applied to those that did — `changed`, found first
 * (collectDocumentKeysSql over changedSinceMarkSql) and named as values; without them, the
 * statement finds them itself.
 */
export function unmatchedFromItemsSql(q: UnmatchedQuery, mark: UnmatchedItemsMark, changedKeys?: DocumentKeys): ChSql {
  const changed = changedKeys ? documentKeysSql(changedKeys) : changedSinceMarkSql(mark);
  const nothingChanged = changedKeys?.entities.length === 0;
  const now = p.dateTime64(q.now);
  const kept = chSql`SELECT kind, entity, document_type, document_id, currency, amount, counterparty_id, counterparty_name,
      sources, since, due_at, difference
    FROM (SELECT *, multiIf(kind = 'payment_unsettled', since + toIntervalHour(${perEntity(q.confirmationSlaHours)}),
                          kind = 'receipt_unapplied', since + toIntervalDay(${perEntity(q.receiptApplyDays)}), since) AS due_at
          FROM unmatched_payment_items FINAL WHERE epoch = ${p.uint64(mark.epoch)})
    WHERE ${join([
      chSql`open = 1 AND volatile = 0`,
      ...(nothingChanged ? [] : [chSql`(entity, document_type, document_id) NOT IN ${changed}`]),
      chSql`(kind = 'bank_entry_unmatched' OR due_at < ${now})`,
      settlementRowConditions(q.filter),
    ], ' AND ')}`;
  if (nothingChanged) return chSql`(${kept})`;
  const recomputed = unmatchedPaymentsSql({ ...q, forKeys: changed });
  return chSql`(SELECT kind, entity, document_type, document_id, currency, amount, counterparty_id, counterparty_name,
      sources, since, due_at, difference FROM ${recomputed}
    UNION ALL ${kept})`;
}
