// The order-to-cash documents as they stood at a moment, one row per document, with what
// receivables misalignment needs (each delivery counted once; the latest value by business
// time wins, ties by source and id; only events whose business time is not after the moment):
//   customer_invoice       amount as issued (`finance.customer_invoice.issued`), written off or not;
//   receipt                amount, the invoice it names (correlation_id), first seen (at), applied;
//   collection_commitment  the CRM promise to pay: latest amount and promised_date over the
//                          `finance.collection.commitment` and `.milestone` events of the
//                          commitment document, made (at) at its first commitment event.
// Documents without a known amount are left out, and commitments without a commitment event
// or a promised date.
//
// As of a past moment the documents are recomputed from finance_events. Now (`current`), they
// come from the incrementally kept receivables_state (through its snapshot), and the few documents with an event
// dated after `now` are recomputed from their events up to `now` — the same answer as reading
// the events, without re-reading them all.
import { chSql, join, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { throughSnapshotSql } from './state-snapshots.sql.ts';

export interface LedgerScope {
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: only events with business time up to here. */
  now: string;
  entities?: string[];
  /** `now` is the present: read the kept state instead of recomputing from the events. */
  current?: boolean;
}

export type ReceivablesDocumentType = 'customer_invoice' | 'receipt' | 'collection_commitment';
const allTypes: ReceivablesDocumentType[] = ['customer_invoice', 'receipt', 'collection_commitment'];
const latest = chSql`(time, source, id)`;

/** The columns every reader of receivablesDocumentsSql gets, in this order. */
const columns = chSql`document_type, entity, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id,
  promised_date, at, applied, written_off, sources`;

/** Documents with a known amount; commitments made (a commitment event) with a promised date. */
const known = chSql`has_amount AND (document_type != 'collection_commitment' OR (has_commitment AND promised_date IS NOT NULL))`;

function entityFilter(scope: LedgerScope): ChSql {
  return scope.entities?.length ? chSql`AND entity IN ${p.strings(scope.entities)}` : chSql``;
}

/**
 * The documents recomputed from their events up to `now`; `keys`: only these (entity,
 * document_type, document_id). The guard is a constant once its scalar subquery ran: without such
 * documents (the usual case) the events are not read at all.
 */
function fromEventsSql(scope: LedgerScope, now: ChParam, documentTypes: ChParam, keys?: ChSql): ChSql {
  const among = keys ? chSql`AND (SELECT count() > 0 FROM (${keys})) AND (entity, document_type, document_id) IN (${keys})` : chSql``;
  const promised = chSql`JSONExtractString(data, 'promised_date')`;
  const commitment = chSql`type = 'finance.collection.commitment'`;
  // (the event's amount as event_amount: `amount` names the document's in this scope)
  const amountKnown = chSql`event_amount IS NOT NULL AND (document_type != 'customer_invoice' OR type = 'finance.customer_invoice.issued')`;
  return chSql`SELECT ${columns} FROM (SELECT document_type, entity, document_id,
      assumeNotNull(argMaxIf(event_amount, ${latest}, ${amountKnown})) AS amount,
      countIf(${amountKnown}) > 0 AS has_amount,
      argMaxIf(currency, ${latest}, currency != '') AS currency,
      argMaxIf(counterparty_id, ${latest}, counterparty_id != '') AS counterparty_id,
      argMaxIf(counterparty_name, ${latest}, counterparty_name != '') AS counterparty_name,
      argMaxIf(correlation_id, ${latest}, correlation_id != '') AS correlation_id,
      toDate32OrNull(argMaxIf(${promised}, ${latest}, document_type = 'collection_commitment' AND ${promised} != '')) AS promised_date,
      if(document_type = 'collection_commitment', minIf(time, ${commitment}), min(time)) AS at,
      countIf(type = 'finance.receipt.applied') > 0 AS applied,
      countIf(type = 'finance.customer_invoice.written_off') > 0 AS written_off,
      countIf(${commitment}) > 0 AS has_commitment,
      groupUniqArray(source) AS sources
    FROM (SELECT *, amount AS event_amount FROM finance_events
          WHERE document_type IN ${documentTypes} AND time <= ${now} ${entityFilter(scope)} ${among}
          LIMIT 1 BY source, id)
    GROUP BY document_type, entity, document_id)
    WHERE ${known}`;
}

/** A document's receivables_state rows merged (grouped by document_type, entity, document_id). */
const mergedColumns = chSql`document_type, entity, document_id,
      argMaxMerge(amount) AS amount,
      argMaxMerge(currency) AS currency,
      argMaxMerge(counterparty_id) AS counterparty_id,
      argMaxMerge(counterparty_name) AS counterparty_name,
      argMaxMerge(correlation_id) AS correlation_id,
      toDate32OrNull(argMaxMerge(promised_date)) AS promised_date,
      assumeNotNull(if(document_type = 'collection_commitment', min(made_at), min(first_time))) AS at,
      max(applied) > 0 AS applied,
      max(written_off) > 0 AS written_off,
      max(has_amount) > 0 AS has_amount,
      min(made_at) IS NOT NULL AS has_commitment,
      groupUniqArrayArray(sources) AS sources`;

/**
 * The same columns from receivables_state (through its snapshot: state-snapshots.sql.ts), plus
 * the documents with an event dated after `now` from their events.
 */
function fromStateSql(scope: LedgerScope, now: ChParam, documentTypes: ChParam): ChSql {
  const keys = [chSql`document_type IN ${documentTypes}`, ...(scope.entities?.length ? [chSql`entity IN ${p.strings(scope.entities)}`] : [])];
  const later = chSql`SELECT entity, document_type, document_id FROM receivables_state WHERE ${join([...keys, chSql`last_time > ${now}`], ' AND ')}`;
  const laterFromEvents = fromEventsSql(scope, now, documentTypes, later);
  const documents = throughSnapshotSql('receivables_state', {
    keys,
    snapshotColumns: chSql`document_type, entity, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id,
      promised_date, assumeNotNull(if(document_type = 'collection_commitment', made_at, first_time)) AS at, applied > 0 AS applied,
      written_off > 0 AS written_off, has_amount > 0 AS has_amount, made_at IS NOT NULL AS has_commitment, sources`,
    snapshotWhere: [chSql`last_time <= ${now}`],
    mergedColumns,
    groupBy: chSql`document_type, entity, document_id`,
    having: [chSql`max(last_time) <= ${now}`],
  });
  return chSql`SELECT ${columns} FROM ${documents}
    WHERE ${known}
    UNION ALL ${laterFromEvents}`;
}

/** One row per customer invoice, receipt and collection commitment known at `now` (columns above). */
export function receivablesDocumentsSql(scope: LedgerScope, documentTypes: ReceivablesDocumentType[] = allTypes): ChSql {
  const now = p.dateTime64(scope.now);
  const types = p.strings(documentTypes);
  return chSql`(${scope.current ? fromStateSql(scope, now, types) : fromEventsSql(scope, now, types)})`;
}

/**
 * The documents `keys` names (a subquery of entity, document_type, document_id) as they stood
 * at `now`, read by primary key: from receivables_state merged, except those in `later`
 * (documents with an event dated after `now`), recomputed from their events up to `now`.
 */
export function receivablesDocumentsOfKeysSql(now: string, keys: ChSql, later?: ChSql): ChSql {
  const at = p.dateTime64(now);
  const fromState = chSql`SELECT ${columns} FROM (SELECT ${mergedColumns} FROM receivables_state
      WHERE (entity, document_type, document_id) IN (${keys})
      GROUP BY document_type, entity, document_id
      HAVING max(last_time) <= ${at})
    WHERE ${known}`;
  if (!later) return chSql`(${fromState})`;
  return chSql`(${fromState} UNION ALL ${fromEventsSql({ now }, at, p.strings(allTypes), later)})`;
}
