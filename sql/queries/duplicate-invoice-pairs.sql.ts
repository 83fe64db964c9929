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
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

/** A per-entity number: entities[i] has values[i]; any other entity has fallback. */
export interface EntityNumber {
  entities: string[];
  values: number[];
  fallback: number;
}

export interface DuplicateQuery {
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: only events with business time up to here. */
  now: string;
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

function knownEvents(q: DuplicateQuery, documentType: string): ChSql {
  const entities = q.entities?.length ? chSql`AND entity IN ${p.strings(q.entities)}` : chSql``;
  return chSql`(SELECT * FROM finance_events
    WHERE document_type = ${p.string(documentType)} AND time <= ${p.dateTime64(q.now)} ${entities}
    LIMIT 1 BY source, id)`;
}

/** Live captures (not rejected or cancelled) with their normalised reference and payment status. */
function capturesSql(q: DuplicateQuery): ChSql {
  const latest = chSql`(time, id)`;
  const invoices = knownEvents(q, 'supplier_invoice');
  return chSql`(SELECT c.* EXCEPT (doc_amount), assumeNotNull(c.doc_amount) AS amount, d.sources AS sources, d.paid OR (c.entity, c.document_id) IN
        (SELECT entity, correlation_id FROM ${knownEvents(q, 'payment')} WHERE correlation_id != '') AS paid
    FROM (SELECT entity, document_id, source,
            argMaxIf(amount, ${latest}, amount IS NOT NULL) AS doc_amount,
            argMaxIf(currency, ${latest}, currency != '') AS currency,
            argMaxIf(counterparty_id, ${latest}, counterparty_id != '') AS counterparty_id,
            argMaxIf(counterparty_name, ${latest}, counterparty_name != '') AS counterparty_name,
            argMaxIf(reference, ${latest}, reference != '') AS reference,
            ${normalisedReference(chSql`reference`)} AS reference_key,
            min(time) AS received_at
          FROM ${invoices} WHERE type = 'finance.invoice.received'
          GROUP BY entity, document_id, source
          HAVING doc_amount IS NOT NULL AND reference_key != '') AS c
    INNER JOIN (SELECT entity, document_id, groupUniqArray(source) AS sources,
                  countIf(type = 'finance.invoice.scheduled') > 0 AS paid
                FROM ${invoices} GROUP BY entity, document_id
                HAVING countIf(type IN ('finance.invoice.rejected', 'finance.invoice.cancelled')) = 0) AS d
      ON d.entity = c.entity AND d.document_id = c.document_id)`;
}

/** One row per candidate pair, with the common metric filters applied. */
export function duplicateInvoicePairsSql(q: DuplicateQuery): ChSql {
  const filters: ChSql[] = [chSql`1`];
  if (q.currencies?.length) filters.push(chSql`currency IN ${p.strings(q.currencies)}`);
  if (q.counterparty !== undefined) {
    const cp = q.counterparty;
    filters.push(chSql`(counterparty_id = ${p.string(cp)} OR counterparty_name = ${p.string(cp)} OR counterparty_name_b = ${p.string(cp)})`);
  }
  if (q.sourceSystem !== undefined) filters.push(chSql`has(sources, ${p.string(q.sourceSystem)})`);
  return chSql`(SELECT * FROM (
      SELECT a.entity AS entity, a.counterparty_id AS counterparty_id, a.counterparty_name AS counterparty_name,
             b.counterparty_name AS counterparty_name_b, a.currency AS currency, a.amount AS amount,
             a.document_id AS invoice_a, a.source AS source_a, a.reference AS reference_a, a.received_at AS time_a,
             b.document_id AS invoice_b, b.source AS source_b, b.reference AS reference_b, b.received_at AS time_b,
             toUInt32(editDistance(a.reference_key, b.reference_key)) AS distance,
             if(b.paid, 'paid', 'before_payment') AS status, toBool(a.paid) AS paid_a, toBool(b.paid) AS paid_b,
             b.amount AS at_risk,
             arrayDistinct(arrayConcat(a.sources, b.sources)) AS sources
      FROM ${capturesSql(q)} AS a
      INNER JOIN ${capturesSql(q)} AS b
        ON b.entity = a.entity AND b.counterparty_id = a.counterparty_id AND b.currency = a.currency AND b.amount = a.amount
      WHERE (a.received_at, a.document_id, a.source) < (b.received_at, b.document_id, b.source)
        AND dateDiff('millisecond', a.received_at, b.received_at) <= toInt64(${perEntity(q.windowDays, chSql`a.entity`)}) * 86400000
        AND editDistance(a.reference_key, b.reference_key) <= ${perEntity(q.maxDistance, chSql`a.entity`)})
    WHERE ${join(filters, ' AND ')})`;
}
