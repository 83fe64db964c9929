// What links documents: the rows of document_links (migration 0011) of one entity's
// documents by id — each document of the id, its correlation_ids, the documents naming the
// id as correlation_id, its bank matches. server/documents/related-documents.ts walks them.
// Every document related to another is of its entity (a correlation_id names a document of
// the entity, a payment match pairs documents of one), so reads are by (entity, document_id):
// primary-key reads.
//
// Rows come as stored (several per link until the engine merges them; the reader combines
// them), at most `limit`: plain reads are the cheapest statements there are.
//   - documentNeighbourhoodSql: in one statement, the rows of a document's id and of the ids
//     its rows name (one hop away, its correlation_ids) — all a two-hop walk needs but which
//     documents the correlation_ids of hop 1 have (their events tell: see timeline.ts).
//   - documentLinkRowsSql: the rows of given ids.
//   - documentLinksBoundedSql: the same combined in the engine, as they stood at asOf, and cut
//     per document and kind of link to the first `perLink` in the order a hop takes links —
//     for a hub document with more rows than a plain read takes.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface DocumentKey {
  entity: string;
  document_type: string;
  document_id: string;
}

export interface DocumentLinkRow {
  document_id: string;
  /** '' on correlation_child rows: the children of the id, whatever its type. */
  document_type: string;
  link: 'document' | 'correlation' | 'correlation_child' | 'bank_match';
  other_type: string;
  other_id: string;
  /** correlation_child: business time of the child's first event naming the id. */
  first_time: string;
  /** correlation: the greatest (time, source, id) of the events naming other_id. */
  latest: [string, string, string];
  /** bank_match: the latest (matched_at, rule, within_tolerance, evidence_time). */
  bank_match: [string, string, number, string];
}

/**
 * `(entity, document_type, document_id)` is one of the keys. The IN conditions on entity and
 * document_id are what the lookup tables' primary keys use; has() is the exact check.
 */
export function isOneOf(keys: DocumentKey[], entity: ChSql, type: ChSql, id: ChSql): ChSql {
  const entities = p.strings(keys.map((k) => k.entity));
  const types = p.strings(keys.map((k) => k.document_type));
  const ids = p.strings(keys.map((k) => k.document_id));
  return chSql`${entity} IN ${entities} AND ${id} IN ${ids} AND has(arrayZip(${entities}, ${types}, ${ids}), (${entity}, ${type}, ${id}))`;
}

const columns = chSql`document_id, document_type, link, other_type, other_id, toString(first_time) AS first_time, latest, bank_match`;

/**
 * The rows of the id and of the ids its rows name, at most `limit`. The second set is
 * complete when the id's rows naming another id number fewer than `namedLimit`.
 */
export function documentNeighbourhoodSql(entity: string, id: string, namedLimit: number, limit: number): ChSql {
  return chSql`
    SELECT ${columns}
    FROM document_links
    WHERE entity = ${p.string(entity)}
      AND (document_id = ${p.string(id)}
           OR document_id IN (SELECT other_id FROM document_links
                              WHERE entity = ${p.string(entity)} AND document_id = ${p.string(id)} AND link != 'document'
                              LIMIT ${p.uint32(namedLimit)}))
    LIMIT ${p.uint32(limit)}`;
}

/** The link rows of the entity's documents of these ids, as stored, at most `limit`. */
export function documentLinkRowsSql(entity: string, ids: string[], limit: number): ChSql {
  return chSql`
    SELECT ${columns}
    FROM document_links
    WHERE entity = ${p.string(entity)} AND document_id IN ${p.strings(ids)}
    LIMIT ${p.uint32(limit)}`;
}

/**
 * The same rows combined, as they stood at asOf ('YYYY-MM-DD hh:mm:ss.sss' UTC), and cut to
 * the first `perLink` of each document and kind of link: matches within tolerance, then
 * partial ones, each by (other_type, other_id); children by (other_type, other_id); the
 * correlation_ids latest first.
 */
export function documentLinksBoundedSql(entity: string, ids: string[], asOf: string | undefined, perLink: number): ChSql {
  const known = (column: ChSql) => (asOf === undefined ? chSql`1` : chSql`${column} <= ${p.dateTime64(asOf)}`);
  return chSql`
    SELECT document_id, document_type, link, other_type, other_id, toString(first_named) AS first_time, latest_named AS latest, match_named AS bank_match
    FROM (SELECT document_id, document_type, link, other_type, other_id,
                 min(first_time) AS first_named, max(latest) AS latest_named, max(bank_match) AS match_named
          FROM document_links
          WHERE entity = ${p.string(entity)} AND document_id IN ${p.strings(ids)}
          GROUP BY document_id, document_type, link, other_type, other_id)
    WHERE link IN ('document', 'correlation')
       OR (link = 'correlation_child' AND ${known(chSql`first_named`)})
       OR (link = 'bank_match' AND ${known(chSql`match_named.4`)})
    ORDER BY document_id, document_type, link, match_named.3 DESC, latest_named DESC, other_type, other_id
    LIMIT ${p.uint32(perLink)} BY document_id, document_type, link`;
}
