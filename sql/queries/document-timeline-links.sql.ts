// The documents linked to a set of documents, one hop: by correlation_id both ways (a
// payment's correlation_id names its invoice) and by payment matches (a bank entry and the
// payment or receipt it settles, whatever rule matched them: end-to-end id, creditor
// reference, invoice number, counterparty/amount/date, group).
//
// How it stays cheap at 10M events: every read is bounded by the set's keys.
//   - finance_events by correlation_id IN ids: the idx_correlation bloom filter skips every
//     block of 4 granules that cannot hold one of the ids;
//   - document_state (ordered by entity, document_type, document_id) by entity and ids:
//     primary-key ranges; it holds one row per document, not per event;
//   - payment_matches by entity and bank_entry_id: primary-key ranges; by document_id: a
//     read of one row per match (far fewer rows than events).
// The exact key check (has(arrayZip(…))) runs only on what the indexes let through.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface DocumentKey {
  entity: string;
  document_type: string;
  document_id: string;
}

export interface DocumentLinkRow extends DocumentKey {
  relation: 'correlation_child' | 'correlation_parent' | 'bank_match' | 'bank_match_partial';
  /** The matching rule of a bank match; '' otherwise. */
  rule: string;
  via_entity: string;
  /** '' for a correlation child: its correlation_id names (entity, id), not a type. */
  via_type: string;
  via_id: string;
}

/** Key arrays as parameters: entity, type and id at the same position form one key. */
export function keyParams(keys: DocumentKey[]) {
  return {
    entities: p.strings(keys.map((k) => k.entity)),
    types: p.strings(keys.map((k) => k.document_type)),
    ids: p.strings(keys.map((k) => k.document_id)),
  };
}

/** `(entity, document_type, document_id)` is one of the keys. */
export function isOneOf(keys: DocumentKey[], entity: ChSql, type: ChSql, id: ChSql): ChSql {
  const k = keyParams(keys);
  return chSql`${id} IN ${k.ids} AND has(arrayZip(${k.entities}, ${k.types}, ${k.ids}), (${entity}, ${type}, ${id}))`;
}

/** The latest correlation_id of each key that has one (document_state: primary-key reads). */
function correlationsOf(keys: DocumentKey[]): ChSql {
  const k = keyParams(keys);
  return chSql`(SELECT entity, document_type, document_id, argMaxMerge(correlation_id) AS correlation_id
    FROM document_state
    WHERE entity IN ${k.entities} AND ${isOneOf(keys, chSql`entity`, chSql`document_type`, chSql`document_id`)}
    GROUP BY entity, document_type, document_id
    HAVING correlation_id != '')`;
}

/** Documents one hop from `keys`; `asOf` ('YYYY-MM-DD hh:mm:ss.sss' UTC) hides later links. */
export function documentLinksSql(keys: DocumentKey[], asOf: string | undefined, limit: number): ChSql {
  const k = keyParams(keys);
  const knownEvent = asOf === undefined ? chSql`` : chSql`AND time <= ${p.dateTime64(asOf)}`;
  const knownMatch = asOf === undefined ? chSql`` : chSql`AND evidence_time <= ${p.dateTime64(asOf)}`;
  const matchRelation = chSql`if(within_tolerance = 1, 'bank_match', 'bank_match_partial')`;
  return chSql`
    SELECT DISTINCT entity, document_type, document_id, relation, rule, via_entity, via_type, via_id FROM (
      SELECT entity, document_type, document_id, 'correlation_child' AS relation, '' AS rule,
             entity AS via_entity, '' AS via_type, correlation_id AS via_id
      FROM finance_events
      WHERE correlation_id IN ${k.ids} AND has(arrayZip(${k.entities}, ${k.ids}), (entity, correlation_id)) ${knownEvent}
      UNION ALL
      SELECT s.entity, s.document_type, s.document_id, 'correlation_parent', '', f.entity, f.document_type, f.document_id
      FROM ${correlationsOf(keys)} AS f
      INNER JOIN (SELECT DISTINCT entity, document_type, document_id FROM document_state
                  WHERE entity IN ${k.entities} AND document_id IN (SELECT correlation_id FROM ${correlationsOf(keys)})) AS s
        ON s.entity = f.entity AND s.document_id = f.correlation_id
      UNION ALL
      SELECT entity, document_type, document_id, ${matchRelation}, rule, entity, 'bank_entry', bank_entry_id
      FROM payment_matches FINAL
      WHERE entity IN ${k.entities} AND ${isOneOf(keys, chSql`entity`, chSql`'bank_entry'`, chSql`bank_entry_id`)} ${knownMatch}
      UNION ALL
      SELECT entity, 'bank_entry', bank_entry_id, ${matchRelation}, rule, entity, document_type, document_id
      FROM payment_matches FINAL
      WHERE entity IN ${k.entities} AND ${isOneOf(keys, chSql`entity`, chSql`document_type`, chSql`document_id`)} ${knownMatch}
    )
    ORDER BY relation, entity, document_type, document_id
    LIMIT ${p.uint32(limit)}`;
}
