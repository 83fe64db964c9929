// Duplicate payment risk, as of a moment: pairs of supplier-invoice captures that look like
// the same invoice entered twice. Rules:
//   capture    the `finance.invoice.received` events of one (entity, document_id, source),
//              each delivery counted once (LIMIT 1 BY source, id), so a redelivered event
//              is one capture and never pairs with itself. The same document received from
//              two source systems (say two AP inboxes) is two captures and IS a candidate
//              (distance 0): that is exactly how an invoice gets entered twice.
//              Amount, currency, supplier and reference come from its latest received event;
//              its business time is its first.
//   excluded   documents with a `finance.invoice.rejected` or `.cancelled` event, and
//              captures whose normalised reference is empty.
//   reference  normalised: upper case, non-alphanumerics removed, then leading zeros of each
//              digit run removed (INV-0042 and "inv 42" → INV42); compared with editDistance
//              (Levenshtein) ≤ the entity's duplicateMaxDistance.
//   pair       same entity, supplier (counterparty_id), currency and amount, business times at
//              most duplicateWindowDays × 24 h apart; counted once, a = the earlier capture
//              (ties by document id, then source), b = the later.
//   status     follows the later capture b, the money at risk: 'paid' when b has reached
//              payment — scheduled for payment in the ERP (`finance.invoice.scheduled`) or
//              named by a payment document (correlation_id = the invoice's document_id);
//              otherwise 'before_payment': the duplicate can still be stopped, even when the
//              earlier invoice is already paid. paid_a / paid_b say which is paid.
// Money at risk is the amount of the later capture of each pair (a group of three
// near-identical invoices is three pairs).
//
// How it runs: one row per (entity, document_id, source) — the captures, plus per invoice a
// row with source '' for the payments naming it (paid_at) — then per invoice (sources, paid,
// excluded), then per (entity, supplier, currency, amount) the captures in time order, paired
// within that group. As of a past moment the rows are recomputed from finance_events; now
// (`current`) they come from the kept invoice_capture_state (through its snapshot), with the invoices that have an
// event dated after `now` recomputed from their events, and only the invoices with a capture in a group of
// two or more captures (pairableInvoicesSql) are put together. A kept generation of pairs
// serves "now" faster (kept-duplicate-pairs.sql.ts), pairing again only the groups that
// changed since it, with the pieces exported here.
import { chSql, join, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { throughSnapshotSql } from './state-snapshots.sql.ts';

/** A per-entity number: entities[i] has values[i]; any other entity has fallback. */
export interface EntityNumber {
  entities: string[];
  values: number[];
  fallback: number;
}

export interface DuplicateQuery {
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: only events with business time up to here. */
  now: string;
  /** `now` is the present: read the kept state instead of recomputing from the events. */
  current?: boolean;
  windowDays: EntityNumber;
  maxDistance: EntityNumber;
  entities?: string[];
  currencies?: string[];
  /** A supplier id or name (of either invoice). */
  counterparty?: string;
  sourceSystem?: string;
}

/** The reference as compared: upper case, alphanumerics only, no leading zeros in digit runs. */
export const normalisedReference = (reference: ChSql): ChSql =>
  chSql`replaceRegexpAll(replaceRegexpAll(upperUTF8(${reference}), '[^A-Z0-9]', ''), ${p.string('(^|[^0-9])0+([0-9])')}, ${p.string('\\1\\2')})`;

const perEntity = (n: EntityNumber, entity: ChSql): ChSql =>
  chSql`transform(toString(${entity}), ${p.strings(n.entities)}, ${p.uint32s(n.values)}, ${p.uint32(n.fallback)})`;

/** The columns of a capture row, in this order. */
const rowColumns = chSql`entity, document_id, source, has_amount, amount, currency, counterparty_id, counterparty_name, reference,
  reference_key, received_at, scheduled, cancelled, paid_at`;

/** The part of a query the capture rows are scoped by. */
type RowScope = Pick<DuplicateQuery, 'entities'>;

const entityFilter = (q: RowScope): ChSql => (q.entities?.length ? chSql`AND entity IN ${p.strings(q.entities)}` : chSql``);

/**
 * Capture rows recomputed from the events up to `now`: supplier invoices per source, and
 * (`withPayments`) the payments naming an invoice as its row with source ''. `documents`:
 * only the supplier invoices with these (entity, document_id) — guarded like the receivables
 * ledger, so that without any the events are not read.
 */
function rowsFromEventsSql(q: RowScope, now: ChParam, withPayments: boolean, documents?: ChSql): ChSql {
  const among = documents ? chSql`AND (SELECT count() > 0 FROM (${documents})) AND (entity, document_id) IN (${documents})` : chSql``;
  const types = withPayments
    ? chSql`(document_type = 'supplier_invoice' OR (document_type = 'payment' AND correlation_id != ''))`
    : chSql`document_type = 'supplier_invoice'`;
  const received = chSql`type = 'finance.invoice.received'`;
  const latest = chSql`(time, event_source, id)`;
  return chSql`SELECT ${rowColumns} FROM (SELECT entity, invoice_id AS document_id, row_source AS source,
      countIf(${received} AND event_amount IS NOT NULL) > 0 AS has_amount,
      assumeNotNull(argMaxIf(event_amount, ${latest}, ${received} AND event_amount IS NOT NULL)) AS amount,
      argMaxIf(currency, ${latest}, ${received} AND currency != '') AS currency,
      argMaxIf(counterparty_id, ${latest}, ${received} AND counterparty_id != '') AS counterparty_id,
      argMaxIf(counterparty_name, ${latest}, ${received} AND counterparty_name != '') AS counterparty_name,
      argMaxIf(reference, ${latest}, ${received} AND reference != '') AS reference,
      ${normalisedReference(chSql`reference`)} AS reference_key,
      minOrNullIf(time, ${received}) AS received_at,
      countIf(type = 'finance.invoice.scheduled') > 0 AS scheduled,
      countIf(type IN ('finance.invoice.rejected', 'finance.invoice.cancelled')) > 0 AS cancelled,
      minOrNullIf(time, is_payment) AS paid_at
    FROM (SELECT *, document_type = 'payment' AS is_payment, if(is_payment, correlation_id, document_id) AS invoice_id,
            if(is_payment, '', source) AS row_source, source AS event_source, amount AS event_amount
          FROM (SELECT * FROM finance_events WHERE ${types} AND time <= ${now} ${entityFilter(q)} ${among} LIMIT 1 BY source, id))
    GROUP BY entity, invoice_id, row_source)`;
}

/**
 * The same rows from invoice_capture_state (through its snapshot: state-snapshots.sql.ts), the
 * invoices with an event dated after `now` from their events. Without `now`: every invoice as
 * the state holds it, later events included (a kept generation, whose reads handle those).
 */
export function rowsFromStateSql(q: RowScope, now?: ChParam): ChSql {
  const entities = q.entities?.length ? [chSql`entity IN ${p.strings(q.entities)}`] : [];
  const later = now ? laterInvoicesSql(q, now) : undefined;
  const rows = throughSnapshotSql('invoice_capture_state', {
    keys: entities,
    // (the payments' rows, source '', hold no events of the invoice's own)
    among: later ? [chSql`(source = '' OR (entity, document_id) NOT IN (${later}))`] : [],
    snapshotColumns: rowColumns,
    snapshotWhere: [],
    mergedColumns: stateMergedColumns,
    groupBy: chSql`entity, document_id, source`,
    having: [],
  });
  if (!now || !later) return chSql`SELECT ${rowColumns} FROM ${rows}`;
  return chSql`SELECT ${rowColumns} FROM ${rows}
    UNION ALL ${rowsFromEventsSql(q, now, false, later)}`;
}

/** The merged state's row columns (GROUP BY entity, document_id, source). */
const stateMergedColumns = chSql`entity, document_id, source,
      max(has_amount) AS has_amount,
      argMaxMerge(amount) AS amount,
      argMaxMerge(currency) AS currency,
      argMaxMerge(counterparty_id) AS counterparty_id,
      argMaxMerge(counterparty_name) AS counterparty_name,
      argMaxMerge(reference) AS reference,
      ${normalisedReference(chSql`reference`)} AS reference_key, -- (the alias above)
      min(received_at) AS received_at,
      max(scheduled) AS scheduled,
      max(cancelled) AS cancelled,
      min(paid_at) AS paid_at`;

/** The invoices with an event dated after `now` (entity, document_id). */
function laterInvoicesSql(q: RowScope, now: ChParam): ChSql {
  const entities = q.entities?.length ? [chSql`entity IN ${p.strings(q.entities)}`] : [];
  return chSql`SELECT entity, document_id FROM invoice_capture_state WHERE ${join([chSql`last_time > ${now}`, ...entities], ' AND ')}`;
}

/**
 * The rows as of `now` of the invoices `current` (entity, document_id), merged from the state
 * by primary key, and of the invoices `later` (with an event dated after `now`) from their
 * events, with their payments' rows from the state.
 */
export function rowsOfInvoicesSql(now: ChParam, current: ChSql, later?: ChSql): ChSql {
  const merged = (where: ChSql) => chSql`SELECT ${rowColumns} FROM (SELECT ${stateMergedColumns} FROM invoice_capture_state
      WHERE ${where} GROUP BY entity, document_id, source)`;
  if (!later) return merged(chSql`(entity, document_id) IN (${current})`);
  return chSql`${merged(chSql`((entity, document_id) IN (${current}) OR (source = '' AND (entity, document_id) IN (${later})))`)}
    UNION ALL ${rowsFromEventsSql({}, now, false, later)}`;
}

const capture = chSql`source != '' AND received_at IS NOT NULL AND has_amount AND reference_key != ''`;

/**
 * The invoices with a capture row in a group (entity, supplier, currency, amount) of two or
 * more capture rows — the only groups that can hold a pair. Read narrow, before the invoices
 * are put together: most captures are alone in their group.
 */
function pairableInvoicesSql(rows: ChSql): ChSql {
  return chSql`(SELECT entity, arrayJoin(ids) AS document_id FROM (
      SELECT entity, groupArray(document_id) AS ids FROM (SELECT entity, document_id, counterparty_id, currency, amount FROM (${rows}) WHERE ${capture})
      GROUP BY entity, counterparty_id, currency, amount
      HAVING length(ids) > 1))`;
}

/**
 * Live captures (not rejected or cancelled) of capture rows `rows`: one row per capture with
 * its normalised reference, the invoice's sources and its payment status inputs (scheduled,
 * first payment naming it).
 */
export function capturesOfRowsSql(rows: ChSql): ChSql {
  return chSql`(SELECT entity, c.4 AS counterparty_id, c.3 AS currency, c.2 AS amount, document_id, c.1 AS source, c.5 AS counterparty_name,
        c.6 AS reference, c.7 AS reference_key, c.8 AS received_at, sources, scheduled, paid_at
    FROM (SELECT entity, document_id,
            groupArrayIf(source, source != '') AS sources,
            max(scheduled) AS scheduled,
            min(paid_at) AS paid_at,
            groupArrayIf((source, amount, currency, counterparty_id, counterparty_name, reference, reference_key, assumeNotNull(received_at)),
              ${capture}) AS captures
          FROM (${rows})
          GROUP BY entity, document_id
          HAVING max(cancelled) = 0 AND notEmpty(captures))
    ARRAY JOIN captures AS c)`;
}

/** The captures of every invoice: now (`current`) from the kept state, else recomputed from the events. */
function capturesSql(q: DuplicateQuery): ChSql {
  const now = p.dateTime64(q.now);
  // now: only the invoices that can pair are put together (as of a moment every invoice is:
  // reading its events twice would cost more than it saves)
  const state = q.current ? rowsFromStateSql(q, now) : undefined;
  return capturesOfRowsSql(state ? chSql`SELECT * FROM (${state}) WHERE (entity, document_id) IN ${pairableInvoicesSql(state)}` : rowsFromEventsSql(q, now, true));
}

/** The columns of a pair as found (kept in duplicate_pairs), in this order. */
export const foundPairColumns = chSql`entity, counterparty_id, currency, amount,
  invoice_a, source_a, counterparty_name_a, reference_a, time_a, sources_a, scheduled_a, paid_at_a,
  invoice_b, source_b, counterparty_name_b, reference_b, time_b, sources_b, scheduled_b, paid_at_b, distance`;

/** The settings pairs are found with (window and distance per entity). */
export type PairingSettings = Pick<DuplicateQuery, 'windowDays' | 'maxDistance'>;

/**
 * The pairs among `captures` (capturesOfRowsSql's columns), foundPairColumns: the captures of
 * one (entity, supplier, currency, amount) in pair order, each paired with the later ones.
 */
export function pairsOfCapturesSql(captures: ChSql, q: PairingSettings): ChSql {
  const window = chSql`toInt64(${perEntity(q.windowDays, chSql`entity`)}) * 86400000`;
  const pairs = chSql`arrayFlatten(arrayMap((a, i) -> arrayMap(b -> (a, b), arrayFilter(b ->
        dateDiff('millisecond', a.received_at, b.received_at) <= ${window}
          AND editDistance(a.reference_key, b.reference_key) <= ${perEntity(q.maxDistance, chSql`entity`)},
        arraySlice(group_captures, i + 1))), group_captures, arrayEnumerate(group_captures)))`;
  const side = (n: 1 | 2, x: 'a' | 'b'): ChSql => ({
    kind: 'sql',
    parts: [`pair.${n}.document_id AS invoice_${x}, pair.${n}.source AS source_${x}, pair.${n}.counterparty_name AS counterparty_name_${x},
             pair.${n}.reference AS reference_${x}, pair.${n}.received_at AS time_${x}, pair.${n}.sources AS sources_${x},
             pair.${n}.scheduled AS scheduled_${x}, pair.${n}.paid_at AS paid_at_${x}`],
    values: [],
  });
  return chSql`(SELECT entity, counterparty_id, currency, amount, ${side(1, 'a')}, ${side(2, 'b')},
             toUInt32(editDistance(pair.1.reference_key, pair.2.reference_key)) AS distance
      FROM (SELECT entity, counterparty_id, currency, amount,
              arraySort(x -> (x.received_at, x.document_id, x.source), groupArray(CAST((document_id, source, counterparty_name, reference,
                reference_key, received_at, sources, scheduled, paid_at), 'Tuple(document_id String, source String, counterparty_name String,
                reference String, reference_key String, received_at DateTime64(3, \\'UTC\\'), sources Array(String), scheduled UInt8,
                paid_at Nullable(DateTime64(3, \\'UTC\\')))'))) AS group_captures
            FROM ${captures}
            GROUP BY entity, counterparty_id, currency, amount
            HAVING length(group_captures) > 1)
      ARRAY JOIN ${pairs} AS pair)`;
}

/**
 * The pairs as the metric shows them, from found pairs `found` (foundPairColumns): payment
 * status at `now`, the money at risk, both invoices' sources, and the common metric filters.
 */
export function pairRowsSql(found: ChSql, q: DuplicateQuery): ChSql {
  const now = p.dateTime64(q.now);
  const filters: ChSql[] = [chSql`1`];
  if (q.entities?.length) filters.push(chSql`entity IN ${p.strings(q.entities)}`);
  if (q.currencies?.length) filters.push(chSql`currency IN ${p.strings(q.currencies)}`);
  if (q.counterparty !== undefined) {
    const cp = q.counterparty;
    filters.push(chSql`(counterparty_id = ${p.string(cp)} OR counterparty_name = ${p.string(cp)} OR counterparty_name_b = ${p.string(cp)})`);
  }
  if (q.sourceSystem !== undefined) filters.push(chSql`has(sources, ${p.string(q.sourceSystem)})`);
  const paid = (x: 'a' | 'b'): ChSql => ({ kind: 'sql', parts: [`toBool(scheduled_${x} OR ifNull(paid_at_${x} <= `, `, false))`], values: [now] });
  return chSql`(SELECT * FROM (
      SELECT entity, counterparty_id, counterparty_name_a AS counterparty_name, counterparty_name_b, currency, amount,
             invoice_a, source_a, reference_a, time_a, invoice_b, source_b, reference_b, time_b, distance,
             if(paid_b, 'paid', 'before_payment') AS status, ${paid('a')} AS paid_a, ${paid('b')} AS paid_b,
             amount AS at_risk, arrayDistinct(arrayConcat(sources_a, sources_b)) AS sources
      FROM ${found})
    WHERE ${join(filters, ' AND ')})`;
}

/** One row per candidate pair, with the common metric filters applied (kept pairs: kept-duplicate-pairs.sql.ts). */
export function duplicateInvoicePairsSql(q: DuplicateQuery): ChSql {
  return pairRowsSql(pairsOfCapturesSql(capturesSql(q), q), q);
}
