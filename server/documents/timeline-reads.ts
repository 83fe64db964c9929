// The timeline's reads. Plain primary-key reads of rows as stored come first: the cheapest
// statements the engine runs. A read that brings more than `readLimits.plainRows` rows (a hub
// document, a document with thousands of events) is answered by the bounded statements
// instead, which combine and cut in the engine.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import {
  documentEventRowsSql,
  documentSpanRowsSql,
  documentSummariesSql,
  stageEventsSql,
  timelineEventsSql,
  timelineSpansSql,
  type DocumentEventRow,
  type DocumentSpanRow,
  type DocumentSummaryRow,
  type TimelineEventRow,
  type TimelineSpanRow,
} from '../../sql/queries/document-timeline-events.sql.ts';
import {
  documentLinkRowsSql,
  documentLinksBoundedSql,
  documentNeighbourhoodSql,
  type DocumentKey,
  type DocumentLinkRow,
} from '../../sql/queries/document-timeline-links.sql.ts';
import type { LinkIndex } from './link-index.ts';
import { linkLimit } from './related-documents.ts';
import type { TimelineLists } from './timeline-rows.ts';

export const readLimits = {
  /** Rows a plain read takes; beyond, the bounded statements answer. */
  plainRows: 5_000,
  /** Rows of a document naming other ids that the neighbourhood statement follows. */
  namedRows: 1_000,
};

/**
 * Reads a document's neighbourhood into the index in one statement: the link rows of its id
 * and of the ids they name. When they name too many to be taken whole, only the id's own.
 */
export async function readNeighbourhood(ch: ClickHouseClient, index: LinkIndex, entity: string, id: string): Promise<void> {
  const rows = await queryRows<DocumentLinkRow>(ch, documentNeighbourhoodSql(entity, id, readLimits.namedRows, readLimits.plainRows + 1));
  if (rows.length > readLimits.plainRows) return;
  const own = rows.filter((r) => r.document_id === id);
  index.addLinks([id], own);
  const naming = own.filter((r) => r.link !== 'document');
  if (naming.length >= readLimits.namedRows) return;
  const named = new Set(naming.map((r) => r.other_id));
  index.addLinks([...named], rows.filter((r) => named.has(r.document_id)));
}

/** Reads the link rows of the entity's documents of these ids into the index. */
export async function readLinks(ch: ClickHouseClient, index: LinkIndex, entity: string, ids: string[], asOf: string | undefined): Promise<void> {
  const rows = await queryRows<DocumentLinkRow>(ch, documentLinkRowsSql(entity, ids, readLimits.plainRows + 1));
  index.addLinks(ids, rows.length <= readLimits.plainRows ? rows : await queryRows<DocumentLinkRow>(ch, documentLinksBoundedSql(entity, ids, asOf, linkLimit)));
}

export interface DocumentRows {
  events: DocumentEventRow[];
  spans: DocumentSpanRow[];
}

/**
 * Event and span rows of the documents `keys` and of every document of `anyTypeIds` (see
 * documentEventRowsSql), or undefined when there are too many for a plain read.
 */
export async function readDocumentRows(
  ch: ClickHouseClient,
  entity: string,
  keys: DocumentKey[],
  anyTypeIds: string[],
  asOf: string | undefined,
): Promise<DocumentRows | undefined> {
  const [events, spans] = await Promise.all([
    queryRows<DocumentEventRow>(ch, documentEventRowsSql(entity, keys, anyTypeIds, asOf, readLimits.plainRows + 1)),
    queryRows<DocumentSpanRow>(ch, documentSpanRowsSql(entity, [...keys.map((k) => k.document_id), ...anyTypeIds], asOf, readLimits.plainRows + 1)),
  ]);
  return events.length > readLimits.plainRows || spans.length > readLimits.plainRows ? undefined : { events, spans };
}

/** The timeline's lists computed in the engine, each bounded. */
export async function boundedLists(
  ch: ClickHouseClient,
  root: DocumentKey,
  keys: DocumentKey[],
  asOf: string | undefined,
  limits: { events: number; stageEvents: number; spans: number },
): Promise<TimelineLists> {
  const [events, summaries, stageEvents, spans] = await Promise.all([
    queryRows<TimelineEventRow>(ch, timelineEventsSql(keys, asOf, limits.events)),
    queryRows<DocumentSummaryRow>(ch, documentSummariesSql(keys, asOf)),
    queryRows<{ type: string; time: string }>(ch, stageEventsSql(root, asOf, limits.stageEvents)),
    queryRows<TimelineSpanRow>(ch, timelineSpansSql(keys, asOf, limits.spans)),
  ]);
  return { events, summaries, stageEvents, spans };
}
