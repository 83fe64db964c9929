// The payment matching rules, in product order, as INSERT … SELECT into payment_matches.
// Each statement looks only at bank entries (and, for rules 2 to 4, documents) without a
// full match yet, and re-running changes nothing.
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
//
// Given `changes`, a statement looks only where something changed since the previous run
// (the matcher keeps the rest as that run left it: server/matching/payment-matcher.ts):
//   rule 1 decides per entry: it takes again, against every document, the open entries
//     that changed, that a changed document's reference points to, or whose recorded
//     exact-reference row names a changed document — so the strongest key still wins;
//   rules 2 to 4 only ever pair an entry and documents of one counterparty (entity,
//     currency, direction, counterparty key): they run whole over the counterparties with
//     a changed entry or document, or with an entry or document matched since
//     `matchedSince` (a match takes it out of a group and can free another pair).
// Elsewhere nothing changed since the previous run settled, so it would find nothing new.
// A hash join builds its table from the right side: the smaller side goes there.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { bankEntriesSql, counterpartyKey, settlementDocumentsSql } from './payment-matching-documents.sql.ts';

/** The entities one set of matching settings applies to, and those settings. */
export interface MatchingScope {
  /** Entities with these settings; undefined = every entity not in `except` ('*'). */
  entities?: string[];
  except: string[];
  /** Exact decimal string, e.g. '0.01'. */
  amountTolerance: string;
  dateWindowDays: number;
}

/** Where a run looks: what changed since the previous run ('YYYY-MM-DD hh:mm:ss.sss' UTC). */
export interface MatchingChanges {
  /** settlement_state rows written after this are changed entries and documents. */
  since: string;
  /** Full matches recorded at or after this close entries and documents the rules must see go. */
  matchedSince: string;
  /**
   * The pass's open entries and documents, written to matching_candidates by
   * matchingCandidatesSql(pass, these changes) before rules 2 to 4 run: they read them there,
   * less those fully matched from `writtenFrom` on (by the rules before them in the pass).
   */
  candidates?: { pass: string; writtenFrom: string };
}

const insertColumns = chSql`INSERT INTO payment_matches (entity, bank_entry_id, document_type, document_id, rule, matched_on,
  group_id, credit_debit, currency, entry_amount, document_amount, difference, within_tolerance, evidence_time, matched_at)`;

function scopeCondition(s: MatchingScope | undefined): ChSql {
  if (s === undefined) return chSql`1`;
  return s.entities !== undefined ? chSql`entity IN ${p.strings(s.entities)}` : chSql`entity NOT IN ${p.strings(s.except)}`;
}

// No FINAL: a full match is never rewritten as a partial one (rule 1 rewrites only entries
// still open, the other rules write full matches only), so any full row of a pair is its
// latest — and the sets skip merging every match on every statement.
const fullyMatchedEntries = chSql`(SELECT entity, bank_entry_id FROM payment_matches WHERE within_tolerance = 1)`;
const fullyMatchedDocuments = chSql`(SELECT entity, document_type, document_id FROM payment_matches WHERE within_tolerance = 1)`;

/**
 * The rows of `rows` (a few: those a run looks at) whose entry, or document, has no full
 * match. The rows are the join's hash table and the full matches stream past it: a NOT IN
 * built a set of every full match first — at a million matches half a second per statement.
 */
const entriesWithoutFullMatch = (rows: ChSql): ChSql => chSql`(SELECT * FROM
    (SELECT entity, bank_entry_id AS document_id FROM payment_matches WHERE within_tolerance = 1) AS matched
    RIGHT ANTI JOIN ${rows} AS candidate USING (entity, document_id))`;
const documentsWithoutFullMatch = (rows: ChSql): ChSql => chSql`(SELECT * FROM
    (SELECT entity, document_type, document_id FROM payment_matches WHERE within_tolerance = 1) AS matched
    RIGHT ANTI JOIN ${rows} AS candidate USING (entity, document_type, document_id))`;

const changedEntries = (c: MatchingChanges): ChSql => chSql`(SELECT entity, document_id FROM settlement_state
  WHERE document_type = 'bank_entry' AND inserted_at > ${p.dateTime64(c.since)})`;
const changedDocuments = (c: MatchingChanges): ChSql => chSql`(SELECT entity, document_type, document_id FROM settlement_state
  WHERE document_type IN ('payment', 'receipt') AND inserted_at > ${p.dateTime64(c.since)})`;
const matchedSince = (c: MatchingChanges): ChSql => chSql`within_tolerance = 1 AND matched_at >= ${p.dateTime64(c.matchedSince)}`;

/**
 * The counterparties (entity, currency, direction, counterparty key) rules 2 to 4 run over,
 * given changes: those of the changed entries and documents and of the ones matched since.
 * Merged from settlement_state for those keys only (a primary-key read), as
 * payment-matching-documents.sql.ts merges them.
 */
export function touchedCounterparties(c: MatchingChanges): ChSql {
  return chSql`(SELECT DISTINCT entity, currency, direction, ${counterpartyKey(chSql`name`)} AS counterparty_key FROM (
      SELECT entity, document_type, argMaxMerge(currency) AS currency, argMaxMerge(counterparty_name) AS name,
        multiIf(document_type = 'payment', 'DBIT', document_type = 'receipt', 'CRDT', argMaxMerge(credit_debit)) AS direction
      FROM settlement_state
      WHERE (entity, document_type, document_id) IN (
        SELECT entity, document_type, document_id FROM settlement_state WHERE inserted_at > ${p.dateTime64(c.since)}
        UNION ALL SELECT entity, 'bank_entry', bank_entry_id FROM payment_matches WHERE ${matchedSince(c)}
        UNION ALL SELECT entity, document_type, document_id FROM payment_matches WHERE ${matchedSince(c)})
      GROUP BY entity, document_type, document_id)
    WHERE name != '')`;
}

/** Open bank entries (of `s`; all entities without), given changes those of the touched counterparties. */
function openEntries(s: MatchingScope | undefined, c?: MatchingChanges): ChSql {
  if (c?.candidates) {
    return chSql`(SELECT entity, document_id, direction AS credit_debit, amount, currency, counterparty_key, value_date, last_time
      FROM matching_candidates WHERE ${passRows(c.candidates, 'entry', s)}
        AND (entity, document_id) NOT IN (SELECT entity, bank_entry_id FROM payment_matches
          WHERE within_tolerance = 1 AND matched_at >= ${p.dateTime64(c.candidates.writtenFrom)}))`;
  }
  if (!c) return chSql`(SELECT * FROM ${bankEntriesSql(undefined)} WHERE ${scopeCondition(s)} AND (entity, document_id) NOT IN ${fullyMatchedEntries})`;
  return entriesWithoutFullMatch(chSql`(SELECT * FROM ${bankEntriesSql(undefined)} WHERE ${scopeCondition(s)}
    AND (entity, currency, credit_debit, counterparty_key) IN ${touchedCounterparties(c)})`);
}

/** Open payments and receipts (of `s`; all entities without), given changes those of the touched counterparties. */
function openDocuments(s: MatchingScope | undefined, c?: MatchingChanges): ChSql {
  if (c?.candidates) {
    return chSql`(SELECT entity, document_type, document_id, direction, amount, currency, counterparty_key, value_date, last_time
      FROM matching_candidates WHERE ${passRows(c.candidates, 'document', s)}
        AND (entity, document_type, document_id) NOT IN (SELECT entity, document_type, document_id FROM payment_matches
          WHERE within_tolerance = 1 AND matched_at >= ${p.dateTime64(c.candidates.writtenFrom)}))`;
  }
  const open = chSql`${scopeCondition(s)} AND stage NOT IN ('finance.payment.rejected')`;
  if (!c) return chSql`(SELECT * FROM ${settlementDocumentsSql(undefined)} WHERE ${open} AND (entity, document_type, document_id) NOT IN ${fullyMatchedDocuments})`;
  return documentsWithoutFullMatch(chSql`(SELECT * FROM ${settlementDocumentsSql(undefined)} WHERE ${open}
    AND (entity, currency, direction, counterparty_key) IN ${touchedCounterparties(c)})`);
}

const passRows = (candidates: { pass: string }, side: 'entry' | 'document', s: MatchingScope | undefined): ChSql =>
  chSql`pass = ${p.uint64(candidates.pass)} AND side = ${p.string(side)} AND ${scopeCondition(s)}`;

/**
 * Writes an incremental pass's open entries and documents — those of the counterparties
 * touched by `c` (every entity: the scopes split them when reading) — as partition `pass`
 * of matching_candidates. Each side's full matches are read once here, not once per rule.
 */
export function matchingCandidatesSql(pass: string, c: MatchingChanges): ChSql {
  const id = p.uint64(pass);
  return chSql`INSERT INTO matching_candidates (pass, side, entity, document_type, document_id, direction, amount, currency,
      counterparty_key, value_date, last_time)
    SELECT ${id}, 'entry', entity, 'bank_entry', document_id, credit_debit, amount, currency, counterparty_key, value_date, last_time
    FROM ${openEntries(undefined, { since: c.since, matchedSince: c.matchedSince })}
    UNION ALL
    SELECT ${id}, 'document', entity, document_type, document_id, direction, amount, currency, counterparty_key, value_date, last_time
    FROM ${openDocuments(undefined, { since: c.since, matchedSince: c.matchedSince })}`;
}

/**
 * Entry–document pairs sharing a reference, each with the key's priority (rule 1's three
 * keys: 1 end-to-end id, 2 creditor reference, 3 a token of the entry's reference or
 * remittance text equal to the document's invoice number). Each side is read once, one row
 * per key it carries; `right` names the side the hash table is built from (the smaller one).
 */
function referencePairs(entries: ChSql, documents: ChSql, right: 'entries' | 'documents'): ChSql {
  // An absent key is left out before the join: rows sharing one would pair with each other
  // (thousands × thousands). ISO 20022 writes an absent reference as "NOTPROVIDED".
  const provided = chSql`tupleElement(k, 2) NOT IN ('', 'NOTPROVIDED')`;
  const e = chSql`(SELECT *, tupleElement(k, 1) AS priority, tupleElement(k, 2) AS key FROM (
      SELECT *, arrayJoin(arrayConcat([(1, end_to_end_id), (2, reference)],
        arrayMap(t -> (3, t), extractAll(concat(reference, ' ', remittance), '[A-Za-z0-9][A-Za-z0-9/_.-]*[A-Za-z0-9]')))) AS k
      FROM ${entries}) WHERE ${provided})`;
  const d = chSql`(SELECT *, tupleElement(k, 1) AS priority, tupleElement(k, 2) AS key FROM (
      SELECT *, arrayJoin([(1, end_to_end_id), (2, reference), (3, correlation_id)]) AS k FROM ${documents}) WHERE ${provided})`;
  const on = chSql`d.entity = e.entity AND d.currency = e.currency AND d.priority = e.priority AND d.key = e.key`;
  return chSql`(
    SELECT e.entity AS entity, e.document_id AS bank_entry_id, d.document_type AS document_type, d.document_id AS document_id,
      e.credit_debit AS credit_debit, e.currency AS currency, e.amount AS entry_amount, d.amount AS document_amount,
      greatest(e.last_time, d.last_time) AS evidence_time, e.priority AS priority,
      transform(e.priority, [1, 2, 3], ['end_to_end_id', 'creditor_reference', 'remittance_invoice'], '') AS matched_on
    ${right === 'entries' ? chSql`FROM ${d} AS d INNER JOIN ${e} AS e ON ${on}` : chSql`FROM ${e} AS e INNER JOIN ${d} AS d ON ${on}`}
    -- a returned payment comes back as a credit carrying the payment's end-to-end id
    WHERE d.direction = e.credit_debit OR (e.priority = 1 AND d.document_type = 'payment'))`;
}

/**
 * Rule 1's entries given changes, as a set of (entity, document_id): open entries that
 * changed, that a changed document's reference points to, or whose recorded exact-reference
 * row names a changed document. Used through IN, so a statement builds it once.
 */
function entriesToReconsider(s: MatchingScope, c: MatchingChanges): ChSql {
  const changedDocs = chSql`(SELECT * FROM ${settlementDocumentsSql(undefined)} WHERE (entity, document_type, document_id) IN ${changedDocuments(c)})`;
  return entriesWithoutFullMatch(chSql`(SELECT DISTINCT entity, document_id FROM (
      SELECT entity, document_id FROM ${changedEntries(c)}
      UNION ALL SELECT entity, bank_entry_id FROM ${referencePairs(bankEntriesSql(undefined), changedDocs, 'documents')}
      UNION ALL SELECT entity, bank_entry_id FROM payment_matches
        WHERE rule = 'exact_reference' AND (entity, document_type, document_id) IN ${changedDocuments(c)})
    WHERE ${scopeCondition(s)})`);
}

/**
 * Rule 1: exact reference. One document per entry, the strongest key first. The hash table
 * is built from the documents in a full run (an entry's text splits into many tokens) and
 * from the few entries to reconsider otherwise.
 */
export function exactReferenceRuleSql(s: MatchingScope, c?: MatchingChanges): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  const entries = c
    ? chSql`(SELECT * FROM ${bankEntriesSql(undefined)} WHERE (entity, document_id) IN ${entriesToReconsider(s, c)})`
    : openEntries(s);
  return chSql`${insertColumns}
    SELECT entity, bank_entry_id, document_type, document_id, 'exact_reference', matched_on, '', credit_debit, currency,
      entry_amount, document_amount, entry_amount - document_amount, abs(entry_amount - document_amount) <= ${tolerance},
      evidence_time, now64(3)
    FROM ${referencePairs(entries, settlementDocumentsSql(undefined), c ? 'entries' : 'documents')}
    ORDER BY entity, bank_entry_id, priority, abs(entry_amount - document_amount) <= ${tolerance} DESC, document_id
    LIMIT 1 BY entity, bank_entry_id`;
}

/** Rule 2: counterparty + amount within tolerance + value date within the window. */
export function counterpartyAmountDateRuleSql(s: MatchingScope, c?: MatchingChanges): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  return chSql`${insertColumns}
    SELECT entity, bank_entry_id, document_type, document_id, 'counterparty_amount_date', 'counterparty', '', credit_debit, currency,
      entry_amount, document_amount, entry_amount - document_amount, 1, evidence_time, now64(3)
    FROM (
      SELECT e.entity AS entity, e.document_id AS bank_entry_id, d.document_type AS document_type, d.document_id AS document_id,
        e.credit_debit AS credit_debit, e.currency AS currency, e.amount AS entry_amount, d.amount AS document_amount,
        greatest(e.last_time, d.last_time) AS evidence_time, abs(dateDiff('day', d.value_date, e.value_date)) AS days_apart
      FROM ${openDocuments(s, c)} AS d
      INNER JOIN ${openEntries(s, c)} AS e
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
export function manyToOneRuleSql(s: MatchingScope, c?: MatchingChanges): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  return chSql`${insertColumns}
    SELECT entity, bank_entry_id, document_type, tupleElement(member, 1), 'many_to_one', 'group', group_id, credit_debit, currency,
      entry_amount, tupleElement(member, 2), entry_amount - group_total, 1, evidence_time, now64(3)
    FROM (
      SELECT e.entity AS entity, e.document_id AS bank_entry_id, g.document_type AS document_type,
        concat(g.document_type, '|', g.counterparty_key, '|', toString(g.value_date)) AS group_id,
        e.credit_debit AS credit_debit, e.currency AS currency, e.amount AS entry_amount, g.total AS group_total,
        g.members AS members, greatest(e.last_time, g.last_time) AS evidence_time, abs(dateDiff('day', g.value_date, e.value_date)) AS days_apart
      FROM ${openEntries(s, c)} AS e
      INNER JOIN (
        SELECT entity, currency, direction, counterparty_key, value_date, document_type,
          groupArray((document_id, amount)) AS members, sum(amount) AS total, count() AS documents, max(last_time) AS last_time
        FROM ${openDocuments(s, c)}
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
export function oneToManyRuleSql(s: MatchingScope, c?: MatchingChanges): ChSql {
  const tolerance = p.decimal(s.amountTolerance);
  return chSql`${insertColumns}
    SELECT entity, tupleElement(member, 1), document_type, document_id, 'one_to_many', 'group', group_id, credit_debit, currency,
      tupleElement(member, 2), document_amount, group_total - document_amount, 1, evidence_time, now64(3)
    FROM (
      SELECT d.entity AS entity, d.document_type AS document_type, d.document_id AS document_id,
        concat('entries|', g.counterparty_key, '|', toString(g.value_date), '|', d.document_id) AS group_id,
        g.credit_debit AS credit_debit, g.currency AS currency, d.amount AS document_amount, g.total AS group_total,
        g.members AS members, greatest(d.last_time, g.last_time) AS evidence_time, abs(dateDiff('day', d.value_date, g.value_date)) AS days_apart
      FROM ${openDocuments(s, c)} AS d
      INNER JOIN (
        SELECT entity, currency, credit_debit, counterparty_key, value_date,
          groupArray((document_id, amount)) AS members, sum(amount) AS total, count() AS entries, max(last_time) AS last_time
        FROM ${openEntries(s, c)}
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
