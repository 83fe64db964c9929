// The payment matching rules, in product order, as INSERT … SELECT into payment_matches.
// Each statement looks only at bank entries (and, for rules 2 and 3, documents) without a
// full match yet, so a run costs what is still open, and re-running changes nothing.
//   1 exact_reference: end-to-end id, structured creditor reference, or an invoice number
//     (the document's correlation_id) appearing in the entry's reference/remittance text.
//     Amounts outside tolerance are recorded with within_tolerance = 0 (a partial payment).
//   2 counterparty_amount_date: same counterparty, amount within tolerance, value dates
//     within the window.
//   3 many_to_one: two or more open documents of one counterparty with the same value date
//     whose sum is within tolerance of one entry (value dates within the window).
//   4 one_to_many: two or more open entries of one counterparty booked on the same value
//     date whose sum is within tolerance of one document (a payment the bank executed in
//     parts, a receipt paid in instalments); one row per entry, sharing group_id.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bankEntriesSql, settlementDocumentsSql } from './payment-matching-documents.sql.ts';

/** The entities one set of matching settings applies to, and those settings. */
export interface MatchingScope {
  /** Entities with these settings; undefined = every entity not in `except` ('*'). */
  entities?: string[];
  except: string[];
  /** Exact decimal string, e.g. '0.01'. */
  amountTolerance: string;
  dateWindowDays: number;
}

const insertColumns = chSql`INSERT INTO payment_matches (entity, bank_entry_id, document_type, document_id, rule, matched_on,
  group_id, credit_debit, currency, entry_amount, document_amount, difference, within_tolerance, evidence_time, matched_at)`;

function scopeCondition(s: MatchingScope): ChSql {
  return s.entities !== undefined ? chSql`entity IN ${p.strings(s.entities)}` : chSql`entity NOT IN ${p.strings(s.except)}`;
}

const fullyMatchedEntries = chSql`(SELECT entity, bank_entry_id FROM payment_matches FINAL WHERE within_tolerance = 1)`;
const fullyMatchedDocuments = chSql`(SELECT entity, document_type, document_id FROM payment_matches FINAL WHERE within_tolerance = 1)`;

function openEntries(s: MatchingScope): ChSql {
  return chSql`(SELECT * FROM ${bankEntriesSql(undefined)} WHERE ${scopeCondition(s)} AND (entity, document_id) NOT IN ${fullyMatchedEntries})`;
}

function openDocuments(s: MatchingScope): ChSql {
  return chSql`(SELECT * FROM ${settlementDocumentsSql(undefined)}
    WHERE ${scopeCondition(s)} AND stage NOT IN ('finance.payment.rejected')
      AND (entity, document_type, document_id) NOT IN ${fullyMatchedDocuments})`;
}

/** Rule 1: exact reference. One document per entry, the strongest key first. */
export function exactReferenceRuleSql(s: MatchingScope): ChSql {
  const docs = settlementDocumentsSql(undefined);
  const tolerance = p.decimal(s.amountTolerance);
  const pair = chSql`e.entity AS entity, e.document_id AS bank_entry_id, d.document_type AS document_type, d.document_id AS document_id,
    e.credit_debit AS credit_debit, e.currency AS currency, e.amount AS entry_amount, d.amount AS document_amount,
    greatest(e.last_time, d.last_time) AS evidence_time`;
  return chSql`${insertColumns}
    SELECT entity, bank_entry_id, document_type, document_id, 'exact_reference', matched_on, '', credit_debit, currency,
      entry_amount, document_amount, entry_amount - document_amount, abs(entry_amount - document_amount) <= ${tolerance},
      evidence_time, now64(3)
    FROM (
      SELECT ${pair}, 'end_to_end_id' AS matched_on, 1 AS priority
      FROM ${openEntries(s)} AS e INNER JOIN ${docs} AS d ON d.entity = e.entity AND d.end_to_end_id = e.end_to_end_id AND d.currency = e.currency
      -- a returned payment comes back as a credit carrying the payment's end-to-end id
      WHERE e.end_to_end_id != '' AND (d.direction = e.credit_debit OR d.document_type = 'payment')
      UNION ALL
      SELECT ${pair}, 'creditor_reference' AS matched_on, 2 AS priority
      FROM ${openEntries(s)} AS e INNER JOIN ${docs} AS d ON d.entity = e.entity AND d.reference = e.reference AND d.currency = e.currency
      WHERE e.reference != '' AND d.direction = e.credit_debit
      UNION ALL
      SELECT ${pair}, 'remittance_invoice' AS matched_on, 3 AS priority
      FROM (SELECT *, arrayJoin(extractAll(concat(reference, ' ', remittance), '[A-Za-z0-9][A-Za-z0-9/_.-]*[A-Za-z0-9]')) AS token FROM ${openEntries(s)}) AS e
      INNER JOIN ${docs} AS d ON d.entity = e.entity AND d.correlation_id = e.token AND d.currency = e.currency
      WHERE d.direction = e.credit_debit
    )
    ORDER BY entity, bank_entry_id, priority, abs(entry_amount - document_amount) <= ${tolerance} DESC, document_id
    LIMIT 1 BY entity, bank_entry_id`;
}

/** Rule 2: counterparty + amount within tolerance + value date within the window. */
export function counterpartyAmountDateRuleSql(s: MatchingScope): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  return chSql`${insertColumns}
    SELECT entity, bank_entry_id, document_type, document_id, 'counterparty_amount_date', 'counterparty', '', credit_debit, currency,
      entry_amount, document_amount, entry_amount - document_amount, 1, evidence_time, now64(3)
    FROM (
      SELECT e.entity AS entity, e.document_id AS bank_entry_id, d.document_type AS document_type, d.document_id AS document_id,
        e.credit_debit AS credit_debit, e.currency AS currency, e.amount AS entry_amount, d.amount AS document_amount,
        greatest(e.last_time, d.last_time) AS evidence_time, abs(dateDiff('day', d.value_date, e.value_date)) AS days_apart
      FROM ${openEntries(s)} AS e
      INNER JOIN ${openDocuments(s)} AS d
        ON d.entity = e.entity AND d.currency = e.currency AND d.direction = e.credit_debit AND d.counterparty_key = e.counterparty_key
      WHERE e.counterparty_key != '' AND abs(e.amount - d.amount) <= ${tolerance}
        AND abs(dateDiff('day', d.value_date, e.value_date)) <= ${p.uint32(s.dateWindowDays)}
      ORDER BY entity, bank_entry_id, days_apart, abs(entry_amount - document_amount), document_id
      LIMIT 1 BY entity, bank_entry_id
    )
    ORDER BY entity, document_type, document_id, bank_entry_id
    LIMIT 1 BY entity, document_type, document_id`;
}

/** Rule 3: many-to-one — a same-day group of one counterparty's documents sums to the entry. */
export function manyToOneRuleSql(s: MatchingScope): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  return chSql`${insertColumns}
    SELECT entity, bank_entry_id, document_type, tupleElement(member, 1), 'many_to_one', 'group', group_id, credit_debit, currency,
      entry_amount, tupleElement(member, 2), entry_amount - group_total, 1, evidence_time, now64(3)
    FROM (
      SELECT e.entity AS entity, e.document_id AS bank_entry_id, g.document_type AS document_type,
        concat(g.document_type, '|', g.counterparty_key, '|', toString(g.value_date)) AS group_id,
        e.credit_debit AS credit_debit, e.currency AS currency, e.amount AS entry_amount, g.total AS group_total,
        g.members AS members, greatest(e.last_time, g.last_time) AS evidence_time, abs(dateDiff('day', g.value_date, e.value_date)) AS days_apart
      FROM ${openEntries(s)} AS e
      INNER JOIN (
        SELECT entity, currency, direction, counterparty_key, value_date, document_type,
          groupArray((document_id, amount)) AS members, sum(amount) AS total, count() AS documents, max(last_time) AS last_time
        FROM ${openDocuments(s)}
        WHERE counterparty_key != '' AND value_date IS NOT NULL
        GROUP BY entity, currency, direction, counterparty_key, value_date, document_type
        HAVING documents >= 2
      ) AS g ON g.entity = e.entity AND g.currency = e.currency AND g.direction = e.credit_debit AND g.counterparty_key = e.counterparty_key
      WHERE e.counterparty_key != '' AND abs(e.amount - g.total) <= ${tolerance}
        AND abs(dateDiff('day', g.value_date, e.value_date)) <= ${p.uint32(s.dateWindowDays)}
      ORDER BY entity, bank_entry_id, days_apart, abs(entry_amount - group_total), group_id
      LIMIT 1 BY entity, bank_entry_id
    )
    ARRAY JOIN members AS member
    ORDER BY entity, group_id, bank_entry_id
    LIMIT 1 BY entity, group_id, tupleElement(member, 1)`;
}

/** Rule 4: one-to-many — a same-day group of one counterparty's bank entries sums to one document. */
export function oneToManyRuleSql(s: MatchingScope): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  return chSql`${insertColumns}
    SELECT entity, tupleElement(member, 1), document_type, document_id, 'one_to_many', 'group', group_id, credit_debit, currency,
      tupleElement(member, 2), document_amount, group_total - document_amount, 1, evidence_time, now64(3)
    FROM (
      SELECT d.entity AS entity, d.document_type AS document_type, d.document_id AS document_id,
        concat('entries|', g.counterparty_key, '|', toString(g.value_date), '|', d.document_id) AS group_id,
        g.credit_debit AS credit_debit, g.currency AS currency, d.amount AS document_amount, g.total AS group_total,
        g.members AS members, greatest(d.last_time, g.last_time) AS evidence_time, abs(dateDiff('day', d.value_date, g.value_date)) AS days_apart
      FROM ${openDocuments(s)} AS d
      INNER JOIN (
        SELECT entity, currency, credit_debit, counterparty_key, value_date,
          groupArray((document_id, amount)) AS members, sum(amount) AS total, count() AS entries, max(last_time) AS last_time
        FROM ${openEntries(s)}
        WHERE counterparty_key != '' AND value_date IS NOT NULL
        GROUP BY entity, currency, credit_debit, counterparty_key, value_date
        HAVING entries >= 2
      ) AS g ON g.entity = d.entity AND g.currency = d.currency AND g.credit_debit = d.direction AND g.counterparty_key = d.counterparty_key
      WHERE d.counterparty_key != '' AND d.value_date IS NOT NULL AND abs(d.amount - g.total) <= ${tolerance}
        AND abs(dateDiff('day', d.value_date, g.value_date)) <= ${p.uint32(s.dateWindowDays)}
      ORDER BY entity, document_type, document_id, days_apart, abs(group_total - document_amount), group_id
      LIMIT 1 BY entity, document_type, document_id
    )
    ARRAY JOIN members AS member
    ORDER BY entity, tupleElement(member, 1), document_id
    LIMIT 1 BY entity, tupleElement(member, 1)`;
}
