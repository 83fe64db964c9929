// Receivables misalignment, as of a moment, one row per finding (rules documented here):
//
// A receipt counts toward a commitment when it is from the same customer (entity,
// counterparty_id, currency), first seen at or after the commitment was made (business
// times, up to the evaluation moment), and — when both name an invoice (correlation_id) —
// names the same invoice. A commitment is KEPT once its counted receipts sum to at least the
// promised amount; otherwise it is OUTSTANDING.
//
//   broken_promise  an outstanding commitment whose promised_date is before today's date in
//                   the entity's time zone (the promise covers the whole local day).
//                   committed = promised amount, received = counted receipts,
//                   difference = committed − received (the shortfall, the money at risk),
//                   days_overdue = local today − promised_date.
//   misaligned      a customer with outstanding commitments whose committed total differs
//                   from its ERP open receivables by more than the entity's tolerance
//                   (the larger of matching amountTolerance and the entity's materiality;
//                   a difference equal to the tolerance is within it).
//                   Open receivables compared: the open amounts of the invoices the
//                   commitments name; if any outstanding commitment names no invoice, the
//                   customer's whole open balance (open invoices − applied receipts that name
//                   no known invoice). difference = committed − open_receivables; the money
//                   at risk is its absolute value.
// Open receivables of an invoice = issued amount − applied receipts of the same customer
// naming it (0 when written off; never floored, so an overpayment shows as a credit).
// Customers without an outstanding commitment are not compared (no CRM view to disagree).
// A commitment naming an invoice the ERP never reported compares against 0 for it.
// Filters: counterparty matches id or name; a source system matches when it sent any
// commitment, counted receipt or compared invoice/receipt behind the row.
//
// How it runs: the documents are read once (receivables-ledger.sql.ts) and every step after
// is a grouping, linear in them — no join of each commitment with all its customer's receipts:
//   1. per (customer, invoice key): the open receivables item, and the sum of the receipts
//      naming that invoice first seen at or after each commitment naming it was made (one sort
//      of receipts and commitments by time and a running sum);
//   2. per customer: the same for the receipts naming no invoice (added to every commitment
//      naming one) or all receipts (for a commitment naming none); the outstanding commitments;
//   3. per customer: the misaligned finding and the broken promises, emitted by ARRAY JOIN.
// The receipts counted toward a broken promise are listed for a page of findings only
// (receiptIdsSql).
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { receivablesDocumentsSql, type LedgerScope } from './receivables-ledger.sql.ts';

/** Per-entity values (entities[i] has today[i] …); any other entity has the fallbacks. */
export interface ReceivablesEntitySettings {
  entities: string[];
  /** YYYY-MM-DD: the evaluation moment's date in each entity's time zone. */
  today: string[];
  amountTolerance: string[];
  materiality: string[];
  fallback: { today: string; amountTolerance: string; materiality: string };
}

export interface ReceivablesQuery {
  scope: LedgerScope;
  settings: ReceivablesEntitySettings;
  currencies?: string[];
  /** A counterparty id or name. */
  counterparty?: string;
  sourceSystem?: string;
  kinds?: ('misaligned' | 'broken_promise')[];
}

function perEntity(entity: ChSql, s: ReceivablesEntitySettings, values: string[], fallback: string): ChSql {
  return chSql`transform(toString(${entity}), ${p.strings(s.entities)}, ${p.strings(values)}, ${p.string(fallback)})`;
}

const customer = chSql`entity, counterparty_id, currency`;

/**
 * Receipts ((epoch ms first seen, amount) tuples) and points in time (epoch ms) on one
 * timeline: latest first, receipts before points at the same moment. Each element is
 * (ms, is receipt, amount, point number — 0 for a receipt).
 */
function timeline(receipts: ChSql, points: ChSql): ChSql {
  return chSql`arraySort(x -> (-x.1, -x.2), arrayConcat(arrayMap(r -> (r.1, 1, r.2, 0), ${receipts}),
    arrayMap((t, i) -> (t, 0, toDecimal128(0, 4), i), ${points}, arrayEnumerate(${points}))))`;
}

/** For each point of a timeline, in the points' order: the sum of the receipts first seen at or after it (a running sum). */
function sumsSince(timelineColumn: ChSql): ChSql {
  return chSql`arrayMap(x -> x.2, arraySort(x -> x.1, arrayFilter(x -> x.1 > 0,
    arrayZip(arrayMap(x -> x.4, ${timelineColumn}), arrayCumSum(arrayMap(x -> x.3, ${timelineColumn}))))))`;
}

/** Sources whose latest receipt ((sources, latest epoch ms) of a maxMap) was first seen at or after `since`. */
const sourcesSince = (latestBySource: ChSql, since: ChSql): ChSql =>
  chSql`arrayFilter((s, t) -> t >= ${since}, ${latestBySource}.1, ${latestBySource}.2)`;

/**
 * Step 1: one row per (customer, invoice key): the open receivables item (an invoice and the
 * applied receipts naming it; key '' holds the applied receipts naming none), the receipts
 * naming it ((first seen ms, amount), and the latest first-seen per source) and the
 * commitments naming it, each with the sum and sources of those receipts counted toward it.
 */
export function invoiceKeysSql(documents: ChSql): ChSql {
  const invoice = chSql`document_type = 'customer_invoice'`;
  const receipt = chSql`document_type = 'receipt'`;
  const line = chSql`(${invoice} OR (${receipt} AND applied))`;
  return chSql`(SELECT * EXCEPT (commitments_raw, named_timeline),
      arrayMap((c, part) -> (c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, part, ${sourcesSince(chSql`latest_by_source`, chSql`c.6`)}),
        commitments_raw, ${sumsSince(chSql`named_timeline`)}) AS commitments
    FROM (SELECT *, ${timeline(chSql`receipts`, chSql`arrayMap(c -> c.6, commitments_raw)`)} AS named_timeline
    FROM (SELECT ${customer}, key,
        countIf(${invoice}) > 0 AS is_invoice,
        countIf(${line}) > 0 AS is_item,
        if(countIf(${invoice} AND written_off) > 0, toDecimal128(0, 4), sumIf(if(${receipt}, -amount, amount), ${line})) AS open,
        groupUniqArrayArrayIf(sources, ${line}) AS item_sources,
        groupArrayIf((toUnixTimestamp64Milli(at), amount), ${receipt}) AS receipts,
        maxMapIf(sources, arrayResize(CAST([], 'Array(Int64)'), length(sources), toUnixTimestamp64Milli(at)), ${receipt}) AS latest_by_source,
        groupArrayIf((document_id, amount, assumeNotNull(promised_date), counterparty_name, correlation_id, toUnixTimestamp64Milli(at), at, sources),
          document_type = 'collection_commitment') AS commitments_raw
      FROM (SELECT *, if(document_type = 'customer_invoice', document_id, correlation_id) AS key FROM ${documents})
      GROUP BY ${customer}, key)))`;
}

/** An outstanding commitment as kept in its customer's group. */
const commitmentType = chSql`'Array(Tuple(id String, amount Decimal(38, 4), received Decimal(38, 4), promised_date Date32,
  counterparty_name String, correlation_id String, made_at DateTime64(3, \\'UTC\\'), named_open Decimal(38, 4), sources Array(String)))'`;

/** Steps 1 and 2 over `documents` (receivablesDocumentsSql's columns): one row per customer, as customersOfKeysSql. */
export function customersOfDocumentsSql(documents: ChSql): ChSql {
  return customersOfKeysSql(invoiceKeysSql(documents));
}

/**
 * Step 2, over the rows of step 1 (`keys`): one row per customer with its balance, open
 * invoices and outstanding commitments. A commitment naming invoice X counts the receipts naming X (step 1) and those naming none
 * (key ''); one naming no invoice counts all the customer's receipts.
 */
export function customersOfKeysSql(keys: ChSql): ChSql {
  // c: (id, amount, promised_date, name, named invoice, made ms, made_at, own sources, sum of
  //    receipts naming its invoice, their sources, open of the invoice named, its sources)
  const sources = chSql`arrayDistinct(arrayConcat(c.8, c.10, if(c.5 = '', balance_sources, c.12),
      if(c.5 = '', ${sourcesSince(chSql`all_by_source`, chSql`c.6`)}, ${sourcesSince(chSql`unnamed_by_source`, chSql`c.6`)})))`;
  // the commitments naming no invoice, numbered among themselves (their place on all_timeline)
  const wide = chSql`arrayFilter(c -> c.5 = '', named)`;
  return chSql`(SELECT ${customer}, balance, open_invoice_ids,
      CAST(arrayFilter(c -> c.3 < c.2, arrayMap((c, received) -> (c.1, c.2, received, c.3, c.4, c.5, c.7, c.11, ${sources}), named, received_list)),
        ${commitmentType}) AS commitments
    FROM (SELECT *,
        arrayMap((c, unnamed, wide_rank) -> if(c.5 = '', all_sums[wide_rank], c.9 + unnamed), named, ${sumsSince(chSql`unnamed_timeline`)},
          arrayCumSum(arrayMap(c -> c.5 = '', named))) AS received_list
    FROM (SELECT *, ${sumsSince(chSql`all_timeline`)} AS all_sums
    FROM (SELECT *,
        ${timeline(chSql`unnamed_receipts`, chSql`arrayMap(c -> c.6, named)`)} AS unnamed_timeline,
        ${timeline(chSql`if(empty(${wide}), [], all_receipts)`, chSql`arrayMap(c -> c.6, ${wide})`)} AS all_timeline
    FROM (SELECT ${customer},
        sumIf(open, is_item) AS balance,
        groupUniqArrayArrayIf(item_sources, is_item) AS balance_sources,
        arraySort(groupArrayIf(key, is_invoice AND open != 0)) AS open_invoice_ids,
        groupArrayArray(arrayMap(c -> (c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, c.10, if(is_invoice, open, toDecimal128(0, 4)),
          if(is_invoice, item_sources, [])), commitments)) AS named,
        anyIf(receipts, key = '') AS unnamed_receipts,
        anyIf(latest_by_source, key = '') AS unnamed_by_source,
        groupArrayArray(receipts) AS all_receipts,
        maxMap(latest_by_source.1, latest_by_source.2) AS all_by_source
      FROM ${keys}
      GROUP BY ${customer}
      HAVING length(named) > 0)))))`;
}

/** The finding row type built per customer, emitted by ARRAY JOIN. */
const findingType = chSql`'Tuple(kind String, counterparty_name String, open_receivables Decimal(38, 4), committed Decimal(38, 4),
  received Nullable(Decimal(38, 4)), promised_date Date32, days_overdue Nullable(Int64), commitment_ids Array(String),
  invoice_ids Array(String), sources Array(String), made_at Nullable(DateTime64(3, \\'UTC\\')), correlation_id String)'`;

/** Step 3: per customer with an outstanding commitment, its findings as an array. */
function customerFindingsSql(q: ReceivablesQuery, customers: ChSql): ChSql {
  const s = q.settings;
  const today = chSql`toDate(${perEntity(chSql`entity`, s, s.today, s.fallback.today)})`;
  const tolerance = chSql`greatest(toDecimal128(${perEntity(chSql`entity`, s, s.amountTolerance, s.fallback.amountTolerance)}, 4),
    toDecimal128(${perEntity(chSql`entity`, s, s.materiality, s.fallback.materiality)}, 4))`;
  const broken = chSql`arrayMap(c -> CAST((
        'broken_promise', c.counterparty_name, if(c.correlation_id = '', balance, c.named_open), c.amount, c.received,
        c.promised_date, toInt64(dateDiff('day', c.promised_date, ${today})), [c.id],
        if(c.correlation_id = '', open_invoice_ids, [c.correlation_id]), c.sources, c.made_at, c.correlation_id), ${findingType}),
      arrayFilter(c -> c.promised_date < ${today}, commitments))`;
  const misaligned = chSql`if(abs(committed - open_receivables) > ${tolerance}, [CAST((
        'misaligned', latest_name, open_receivables, committed, NULL, earliest_promised_date, NULL, commitment_ids,
        if(customer_wide, open_invoice_ids, arraySort(arrayDistinct(arrayFilter(x -> x != '', arrayMap(c -> c.correlation_id, commitments))))),
        arrayDistinct(arrayFlatten(arrayMap(c -> c.sources, commitments))), NULL, ''),
      ${findingType})], [])`;
  return chSql`(SELECT ${customer}, arrayConcat(${misaligned}, ${broken}) AS findings FROM (
      SELECT *,
        arrayExists(c -> c.correlation_id = '', commitments) AS customer_wide,
        arraySum(arrayMap(c -> c.amount, commitments)) AS committed,
        -- an invoice named by two commitments is compared once
        arraySum(arrayMap(x -> x.2, arrayDistinct(arrayMap(c -> (c.correlation_id, c.named_open), arrayFilter(c -> c.correlation_id != '', commitments))))) AS named_total,
        if(customer_wide, balance, named_total) AS open_receivables,
        arraySort(x -> (x.made_at, x.id), commitments)[-1].counterparty_name AS latest_name,
        arrayMin(arrayMap(c -> c.promised_date, commitments)) AS earliest_promised_date,
        arraySort(arrayMap(c -> c.id, commitments)) AS commitment_ids
      FROM ${customers}
      WHERE notEmpty(commitments)))`;
}

/**
 * One row per finding (see the header); filters on currency, counterparty, source and kind.
 * Besides the listed columns: made_at and correlation_id of a broken promise's commitment
 * (for receiptIdsSql).
 */
export function receivablesMisalignmentSql(q: ReceivablesQuery, customers?: ChSql): ChSql {
  const c: ChSql[] = [chSql`1`];
  if (q.currencies?.length) c.push(chSql`currency IN ${p.strings(q.currencies)}`);
  if (q.counterparty !== undefined) c.push(chSql`(counterparty_id = ${p.string(q.counterparty)} OR counterparty_name = ${p.string(q.counterparty)})`);
  if (q.sourceSystem !== undefined) c.push(chSql`has(sources, ${p.string(q.sourceSystem)})`);
  if (q.kinds?.length) c.push(chSql`kind IN ${p.strings(q.kinds)}`);
  return chSql`(SELECT f.kind AS kind, entity, counterparty_id, f.counterparty_name AS counterparty_name, currency,
      f.open_receivables AS open_receivables, f.committed AS committed, f.received AS received,
      if(kind = 'misaligned', committed - open_receivables, committed - assumeNotNull(received)) AS difference,
      if(kind = 'misaligned', abs(difference), difference) AS at_risk,
      f.promised_date AS promised_date, f.days_overdue AS days_overdue, f.commitment_ids AS commitment_ids,
      f.invoice_ids AS invoice_ids, f.sources AS sources, f.made_at AS made_at, f.correlation_id AS correlation_id
    FROM ${customerFindingsSql(q, customers ?? customersOfDocumentsSql(receivablesDocumentsSql(q.scope)))} ARRAY JOIN findings AS f
    WHERE ${join(c, ' AND ')})`;
}

/** A broken promise on a page of findings, whose counted receipts are to be listed. */
export interface BrokenPromiseRef {
  entity: string;
  counterparty_id: string;
  currency: string;
  commitment_id: string;
  correlation_id: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  made_at: string;
}

/** The receipts counted toward each given commitment: rows (entity, commitment_id, receipt_ids sorted). */
export function receiptIdsSql(scope: LedgerScope, promises: BrokenPromiseRef[]): ChSql {
  const col = (pick: (r: BrokenPromiseRef) => string) => p.strings(promises.map(pick));
  const counts = chSql`r.at >= c.made_at AND (c.correlation_id = '' OR r.correlation_id = '' OR r.correlation_id = c.correlation_id)`;
  return chSql`SELECT c.entity AS entity, c.commitment_id AS commitment_id, arraySort(groupArray(r.document_id)) AS receipt_ids
    FROM ${receivablesDocumentsSql(scope, ['receipt'])} AS r
    INNER JOIN (SELECT t.1 AS entity, t.2 AS counterparty_id, t.3 AS currency, t.4 AS commitment_id, t.5 AS correlation_id,
                  toDateTime64(t.6, 3, 'UTC') AS made_at
                FROM (SELECT arrayJoin(arrayZip(${col((r) => r.entity)}, ${col((r) => r.counterparty_id)}, ${col((r) => r.currency)},
                        ${col((r) => r.commitment_id)}, ${col((r) => r.correlation_id)}, ${col((r) => r.made_at)})) AS t)) AS c
      ON r.entity = c.entity AND r.counterparty_id = c.counterparty_id AND r.currency = c.currency
    WHERE ${counts}
    GROUP BY c.entity, c.commitment_id`;
}
