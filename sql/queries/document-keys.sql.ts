// Document keys found by one statement and named as values in the next. A read that first
// asks which documents changed since a kept generation (a few hundred, usually) and then
// names them keeps its main statement small: the engine spent longer planning statements
// that found the changed documents themselves, in several places each, than running them.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

/** What a read needs of a kept generation: its number and watermark ('YYYY-MM-DD hh:mm:ss.sss' UTC). */
export interface KeptGenerationMark {
  generation: string;
  watermark: string;
}

/** At most this many keys are named; a read finding more takes another way (collect maxNamedValues + 1 to tell). */
export const maxNamedValues = 5_000;

/** (entity, document_type, document_id) keys as parallel arrays. */
export interface DocumentKeys {
  entities: string[];
  documentTypes: string[];
  documentIds: string[];
}

/**
 * Whether value lists this long can be named in a statement: each list travels as one query
 * parameter in the request's URL, and the engine parses a parameter's text with the same
 * size limit as a query (max_query_size, 256 KiB by default), so a few thousand long document
 * ids would not fit. Beyond this, a read finds the keys inside its statement instead.
 */
export function fitAsValues(...lists: string[][]): boolean {
  let characters = 0;
  for (const list of lists) {
    if (list.length > maxNamedValues) return false;
    for (const value of list) characters += value.length + 4;
  }
  return characters <= maxValueCharacters;
}
const maxValueCharacters = 60_000;

/** One row: the distinct keys of `keys` (a subquery of entity, document_type, document_id), at most `limit`. */
export function collectDocumentKeysSql(keys: ChSql, limit: number): ChSql {
  return chSql`SELECT groupArray(entity) AS entities, groupArray(document_type) AS documentTypes, groupArray(document_id) AS documentIds
    FROM (SELECT DISTINCT entity, document_type, document_id FROM ${keys} LIMIT ${p.uint32(limit)})`;
}

/** The keys as a subquery (entity, document_type, document_id). */
export function documentKeysSql(keys: DocumentKeys): ChSql {
  return chSql`(SELECT tupleElement(t, 1) AS entity, tupleElement(t, 2) AS document_type, tupleElement(t, 3) AS document_id
    FROM (SELECT arrayJoin(arrayZip(${p.strings(keys.entities)}, ${p.strings(keys.documentTypes)}, ${p.strings(keys.documentIds)})) AS t))`;
}
