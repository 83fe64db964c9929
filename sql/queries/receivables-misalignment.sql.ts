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
// Customers without an outstanding commitment are not compared (no CRM view to disagree).
// A commitment naming an invoice the ERP never reported compares against 0 for it.
// Filters: counterparty matches id or name; a source system matches when it sent any
// commitment, counted receipt or compared invoice/receipt behind the row.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { collectionCommitmentsSql, customerReceiptsSql, openReceivablesItemsSql, type LedgerScope } from './receivables-ledger.sql.ts';

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

/** Each commitment with the receipts that count toward it. */
function commitmentProgressSql(scope: LedgerScope): ChSql {
  const counts = chSql`(r.document_id != '' AND r.arrived_at >= c.made_at
    AND (c.correlation_id = '' OR r.correlation_id = '' OR r.correlation_id = c.correlation_id))`;
  return chSql`(SELECT c.entity AS entity, c.document_id AS document_id, any(c.amount) AS amount,
      any(c.promised_date) AS promised_date, any(c.currency) AS currency, any(c.counterparty_id) AS counterparty_id,
      any(c.counterparty_name) AS counterparty_name, any(c.correlation_id) AS correlation_id, any(c.made_at) AS made_at,
      arrayDistinct(arrayConcat(any(c.sources), groupArrayArrayIf(r.sources, ${counts}))) AS sources,
      sumIf(r.amount, ${counts}) AS received,
      arraySort(groupArrayIf(r.document_id, ${counts})) AS receipt_ids
    FROM ${collectionCommitmentsSql(scope)} AS c
    LEFT JOIN ${customerReceiptsSql(scope)} AS r
      ON r.entity = c.entity AND r.counterparty_id = c.counterparty_id AND r.currency = c.currency
    GROUP BY c.entity, c.document_id)`;
}

/**
 * Each outstanding commitment with its customer's receivables: the open amount of the invoice
 * it names (named_open), the customer's whole balance, and the customer's open invoices.
 */
function outstandingCommitmentsSql(scope: LedgerScope): ChSql {
  const named = chSql`(a.is_invoice AND a.invoice_key = g.correlation_id)`;
  return chSql`(SELECT g.entity AS entity, g.document_id AS document_id, any(g.amount) AS amount,
      any(g.promised_date) AS promised_date, any(g.currency) AS currency, any(g.counterparty_id) AS counterparty_id,
      any(g.counterparty_name) AS counterparty_name, any(g.correlation_id) AS correlation_id, any(g.made_at) AS made_at,
      any(g.received) AS received, any(g.receipt_ids) AS receipt_ids,
      sumIf(a.open, ${named}) AS named_open, sum(a.open) AS balance,
      arraySort(groupArrayIf(a.invoice_key, a.is_invoice AND a.open != 0)) AS open_invoice_ids,
      arrayDistinct(arrayConcat(any(g.sources), groupArrayArrayIf(a.sources, g.correlation_id = '' OR ${named}))) AS sources
    FROM ${commitmentProgressSql(scope)} AS g
    LEFT JOIN ${openReceivablesItemsSql(scope)} AS a
      ON a.entity = g.entity AND a.counterparty_id = g.counterparty_id AND a.currency = g.currency
    WHERE g.received < g.amount
    GROUP BY g.entity, g.document_id)`;
}

function brokenPromisesSql(q: ReceivablesQuery, outstanding: ChSql): ChSql {
  const today = chSql`toDate(${perEntity(chSql`entity`, q.settings, q.settings.today, q.settings.fallback.today)})`;
  return chSql`SELECT 'broken_promise' AS kind, entity, counterparty_id, counterparty_name, currency,
      if(correlation_id = '', balance, named_open) AS open_receivables, amount AS committed, toNullable(received) AS received,
      amount - received AS difference, amount - received AS at_risk,
      promised_date, toNullable(toInt64(dateDiff('day', promised_date, ${today}))) AS days_overdue,
      [document_id] AS commitment_ids, if(correlation_id = '', open_invoice_ids, [correlation_id]) AS invoice_ids,
      receipt_ids, sources
    FROM ${outstanding}
    WHERE promised_date < ${today}`;
}

function misalignedCustomersSql(q: ReceivablesQuery, outstanding: ChSql): ChSql {
  const s = q.settings;
  const tolerance = chSql`greatest(toDecimal128(${perEntity(chSql`entity`, s, s.amountTolerance, s.fallback.amountTolerance)}, 4),
    toDecimal128(${perEntity(chSql`entity`, s, s.materiality, s.fallback.materiality)}, 4))`;
  // An invoice named by two commitments is compared once.
  const namedTotal = chSql`arraySum(arrayMap(x -> x.2, arrayDistinct(groupArrayIf((correlation_id, named_open), correlation_id != ''))))`;
  return chSql`SELECT 'misaligned' AS kind, entity, counterparty_id, argMax(counterparty_name, made_at) AS counterparty_name, currency,
      if(customer_wide, any(balance), ${namedTotal}) AS open_receivables, sum(amount) AS committed,
      CAST(NULL AS Nullable(Decimal(38, 4))) AS received,
      committed - open_receivables AS difference, abs(difference) AS at_risk,
      min(promised_date) AS promised_date, CAST(NULL AS Nullable(Int64)) AS days_overdue,
      arraySort(groupArray(document_id)) AS commitment_ids,
      if(customer_wide, any(open_invoice_ids), arraySort(groupUniqArrayIf(correlation_id, correlation_id != ''))) AS invoice_ids,
      CAST([] AS Array(String)) AS receipt_ids, arrayDistinct(groupArrayArray(sources)) AS sources,
      countIf(correlation_id = '') > 0 AS customer_wide
    FROM ${outstanding}
    GROUP BY entity, counterparty_id, currency
    HAVING abs(committed - open_receivables) > ${tolerance}`;
}

/** One row per finding (see the header); filters on currency, counterparty, source and kind. */
export function receivablesMisalignmentSql(q: ReceivablesQuery): ChSql {
  const c: ChSql[] = [chSql`1`];
  if (q.currencies?.length) c.push(chSql`currency IN ${p.strings(q.currencies)}`);
  if (q.counterparty !== undefined) c.push(chSql`(counterparty_id = ${p.string(q.counterparty)} OR counterparty_name = ${p.string(q.counterparty)})`);
  if (q.sourceSystem !== undefined) c.push(chSql`has(sources, ${p.string(q.sourceSystem)})`);
  if (q.kinds?.length) c.push(chSql`kind IN ${p.strings(q.kinds)}`);
  const outstanding = outstandingCommitmentsSql(q.scope);
  const rows = chSql`SELECT kind, entity, counterparty_id, counterparty_name, currency, open_receivables, committed, received,
      difference, at_risk, promised_date, days_overdue, commitment_ids, invoice_ids, receipt_ids, sources`;
  return chSql`(SELECT * FROM (${rows} FROM (${brokenPromisesSql(q, outstanding)})
      UNION ALL ${rows} FROM (${misalignedCustomersSql(q, outstanding)}))
    WHERE ${join(c, ' AND ')})`;
}
