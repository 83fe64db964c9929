// The two sides of payment matching, one row per document: booked bank entries, and the
// ERP documents money settles (supplier payments, customer receipts) with the keys the
// matching rules join on. "Now" reads the incrementally kept settlement_state (through its
// latest snapshot: state-snapshots.sql.ts); "as of" a
// moment recomputes from finance_events known then (each delivery counted once: LIMIT 1
// BY source, id; the latest value by business time wins), with the same columns.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from './current-documents.sql.ts';
import { throughSnapshotSql } from './state-snapshots.sql.ts';

/** Events known at a moment ('YYYY-MM-DD hh:mm:ss.sss' UTC), or all when undefined. */
function knownEvents(documentTypes: ChSql, upTo: string | undefined): ChSql {
  const time = upTo === undefined ? chSql`` : chSql`AND time <= ${p.dateTime64(upTo)}`;
  return chSql`(SELECT * FROM finance_events WHERE document_type IN ${documentTypes} ${time} LIMIT 1 BY source, id)`;
}

/**
 * A counterparty name as banks print it: accents dropped, letters and digits only,
 * lower case, cut to 24 characters (statement names are often truncated).
 */
export const counterpartyKey = (name: ChSql): ChSql =>
  chSql`substring(replaceRegexpAll(lower(normalizeUTF8NFKD(${name})), '[^a-z0-9]', ''), 1, 24)`;

/** How bank entries are merged from settlement_state's rows (the snapshot's merged half, or for given keys). */
const bankEntryMerge = {
  mergedColumns: chSql`entity, document_id,
    argMaxMerge(amount) AS amount,
    argMaxMerge(currency) AS currency,
    argMaxMerge(credit_debit) AS credit_debit,
    toDate32OrNull(argMaxMerge(value_date)) AS value_date,
    argMaxMerge(end_to_end_id) AS end_to_end_id,
    argMaxMerge(reference) AS reference,
    argMaxMerge(remittance) AS remittance,
    argMaxMerge(counterparty_id) AS counterparty_id,
    argMaxMerge(counterparty_name) AS counterparty_name,
    ${counterpartyKey(chSql`counterparty_name`)} AS counterparty_key,
    max(last_time) AS last_time,
    groupUniqArrayArray(sources) AS sources`,
  groupBy: chSql`entity, document_id`,
  having: [chSql`amount IS NOT NULL AND has(groupUniqArrayArray(types), 'finance.bank_entry.booked')`],
};

/** How payments and receipts are merged from settlement_state's rows. */
const settlementDocumentMerge = {
  mergedColumns: chSql`entity, document_type, document_id,
    if(document_type = 'payment', 'DBIT', 'CRDT') AS direction,
    argMaxMerge(amount) AS amount,
    argMaxMerge(currency) AS currency,
    argMaxMerge(counterparty_id) AS counterparty_id,
    argMaxMerge(counterparty_name) AS counterparty_name,
    ${counterpartyKey(chSql`counterparty_name`)} AS counterparty_key,
    argMaxMerge(correlation_id) AS correlation_id,
    argMaxMerge(reference) AS reference,
    argMaxMerge(end_to_end_id) AS end_to_end_id,
    toDate32OrNull(argMaxMerge(value_date)) AS value_date,
    argMaxMerge(stage) AS stage,
    groupUniqArrayArray(types) AS types,
    max(released_at) AS released_at,
    max(received_at) AS received_at,
    max(last_time) AS last_time,
    groupUniqArrayArray(sources) AS sources,
    max(cash_at) AS cash_at`,
  groupBy: chSql`entity, document_type, document_id`,
  having: [chSql`amount IS NOT NULL`],
};

/**
 * The same rows as bankEntriesSql / settlementDocumentsSql now, for the documents in `keys` (a
 * subquery of (entity, document_type, document_id)) only, merged from settlement_state's rows
 * through its primary key: for a few hundred documents much cheaper than a snapshot read,
 * which scans every document.
 */
export function bankEntriesForKeysSql(keys: ChSql): ChSql {
  return chSql`(SELECT ${bankEntryMerge.mergedColumns} FROM settlement_state
    WHERE document_type = 'bank_entry' AND (entity, document_type, document_id) IN ${keys}
    GROUP BY ${bankEntryMerge.groupBy} HAVING ${join(bankEntryMerge.having, ' AND ')})`;
}

export function settlementDocumentsForKeysSql(keys: ChSql): ChSql {
  return chSql`(SELECT ${settlementDocumentMerge.mergedColumns} FROM settlement_state
    WHERE document_type IN ('payment', 'receipt') AND (entity, document_type, document_id) IN ${keys}
    GROUP BY ${settlementDocumentMerge.groupBy} HAVING ${join(settlementDocumentMerge.having, ' AND ')})`;
}

/** One row per booked bank entry with its amount, direction, value date and references. */
export function bankEntriesSql(upTo: string | undefined): ChSql {
  if (upTo === undefined) {
    return throughSnapshotSql('settlement_state', {
      keys: [chSql`document_type = 'bank_entry'`],
      snapshotColumns: chSql`entity, document_id, amount, currency, credit_debit, toDate32OrNull(value_date) AS value_date,
        end_to_end_id, reference, remittance, counterparty_id, counterparty_name, counterparty_key, last_time, sources`,
      snapshotWhere: [chSql`amount IS NOT NULL AND has(types, 'finance.bank_entry.booked')`],
      ...bankEntryMerge,
    });
  }
  return chSql`(SELECT entity, document_id,
      argMax(amount, (time, source, id)) AS amount,
      argMaxIf(currency, (time, source, id), currency != '') AS currency,
      argMaxIf(JSONExtractString(data, 'credit_debit'), (time, source, id), JSONExtractString(data, 'credit_debit') != '') AS credit_debit,
      toDate32OrNull(argMaxIf(JSONExtractString(data, 'value_date'), (time, source, id), JSONExtractString(data, 'value_date') != '')) AS value_date,
      argMaxIf(JSONExtractString(data, 'end_to_end_id'), (time, source, id), JSONExtractString(data, 'end_to_end_id') != '') AS end_to_end_id,
      argMaxIf(reference, (time, source, id), reference != '') AS reference,
      argMaxIf(JSONExtractString(data, 'remittance'), (time, source, id), JSONExtractString(data, 'remittance') != '') AS remittance,
      argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
      argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
      ${counterpartyKey(chSql`counterparty_name`)} AS counterparty_key,
      max(time) AS last_time,
      groupUniqArray(source) AS sources
    FROM ${knownEvents(chSql`('bank_entry')`, upTo)}
    WHERE type = 'finance.bank_entry.booked'
    GROUP BY entity, document_id
    HAVING amount IS NOT NULL)`;
}

/**
 * One row per payment or receipt: the bank direction it settles through (payment: DBIT,
 * receipt: CRDT), its matching keys, when it was released/sent or received, and when the
 * money moved (cash_at: settled / applied; 1970 while it has not).
 */
export function settlementDocumentsSql(upTo: string | undefined): ChSql {
  if (upTo === undefined) {
    return throughSnapshotSql('settlement_state', {
      keys: [chSql`document_type IN ('payment', 'receipt')`],
      snapshotColumns: chSql`entity, document_type, document_id, if(document_type = 'payment', 'DBIT', 'CRDT') AS direction,
        amount, currency, counterparty_id, counterparty_name, counterparty_key, correlation_id, reference, end_to_end_id,
    toDate32OrNull(value_date) AS value_date, stage, types, released_at, received_at, last_time, sources, cash_at`,
      snapshotWhere: [chSql`amount IS NOT NULL`],
      ...settlementDocumentMerge,
    });
  }
  return chSql`(SELECT entity, document_type, document_id,
      if(document_type = 'payment', 'DBIT', 'CRDT') AS direction,
      argMax(amount, (time, source, id)) AS amount,
      argMaxIf(currency, (time, source, id), currency != '') AS currency,
      argMaxIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
      argMaxIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
      ${counterpartyKey(chSql`counterparty_name`)} AS counterparty_key,
      argMaxIf(correlation_id, (time, source, id), correlation_id != '') AS correlation_id,
      argMaxIf(reference, (time, source, id), reference != '') AS reference,
      argMaxIf(JSONExtractString(data, 'end_to_end_id'), (time, source, id), JSONExtractString(data, 'end_to_end_id') != '') AS end_to_end_id,
      toDate32OrNull(argMaxIf(JSONExtractString(data, 'value_date'), (time, source, id), JSONExtractString(data, 'value_date') != '')) AS value_date,
      argMax(type, (time, source, id)) AS stage,
      groupUniqArray(type) AS types,
      maxIf(time, type IN ('finance.payment.released', 'finance.payment.sent')) AS released_at,
      maxIf(time, type = 'finance.receipt.received') AS received_at,
      max(time) AS last_time,
      groupUniqArray(source) AS sources,
      maxIf(time, type IN ('finance.payment.settled', 'finance.receipt.applied')) AS cash_at
    FROM ${knownEvents(chSql`('payment', 'receipt')`, upTo)}
    GROUP BY entity, document_type, document_id
    HAVING amount IS NOT NULL)`;
}

/** The common metric filters, on rows that carry entity, currency, counterparty and sources. */
export function settlementRowConditions(filter: DocumentFilter): ChSql {
  const c: ChSql[] = [chSql`1`];
  if (filter.entities?.length) c.push(chSql`entity IN ${p.strings(filter.entities)}`);
  if (filter.currencies?.length) c.push(chSql`currency IN ${p.strings(filter.currencies)}`);
  if (filter.counterparty !== undefined) c.push(chSql`(counterparty_id = ${p.string(filter.counterparty)} OR counterparty_name = ${p.string(filter.counterparty)})`);
  if (filter.sourceSystem !== undefined) c.push(chSql`has(sources, ${p.string(filter.sourceSystem)})`);
  return join(c, ' AND ');
}
