// One document's timeline: its events and those of its related documents (correlation both
// ways, bank matches), the spans that carried them, ordered by business time, and the time
// it spent in each stage. Read from the lookup tables of migration 0011 by primary key, in
// two round trips of plain reads:
//   1. the link rows of the document and of the ids they name;
//   2. the events ∥ spans of the document and its related documents, and of the documents
//      the last hop reaches as correlation parents: that such a document exists at all
//      decides whether it is related (as a document with events), and its events tell.
// Around a hub document (more links than the plain reads take) the walk reads the ids it
// still needs hop by hop, and the lists come from bounded statements.
import type { ClickHouseClient } from '@clickhouse/client';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import type { DocumentKey } from '../../sql/queries/document-timeline-links.sql.ts';
import { calendarOf, loadFinanceSettings } from '../settings/finance-settings.ts';
import { LinkIndex } from './link-index.ts';
import { walkRelated, type Walk } from './related-documents.ts';
import { stageDurations } from './stage-durations.ts';
import { boundedLists, readDocumentRows, readLinks, readNeighbourhood } from './timeline-reads.ts';
import { timelineLists } from './timeline-rows.ts';

export const timelineInput = z.object({
  entity: z.string().min(1).max(64),
  documentType: z.string().min(1).max(64),
  documentId: z.string().min(1).max(256),
  /** Show the timeline as known at this moment (default now); the open stage runs to it. */
  asOf: z.iso.datetime({ offset: true }).optional(),
});

export type TimelineInput = z.infer<typeof timelineInput>;

/** Lists are cut at this length; `truncated` says which were. */
export const timelineLimit = 500;
const stageEventLimit = 10_000;

/** An event's data object as sent; kept as text if it is somehow not JSON. */
function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

const sameKey = (a: DocumentKey, b: DocumentKey) => a.entity === b.entity && a.document_type === b.document_type && a.document_id === b.document_id;

const keyOf = (k: DocumentKey): DocumentKey => ({ entity: k.entity, document_type: k.document_type, document_id: k.document_id });

function notFound(input: TimelineInput, asOf: string | undefined): TRPCError {
  const what = `${input.documentType} ${input.documentId} of entity ${input.entity}`;
  return new TRPCError({ code: 'NOT_FOUND', message: asOf ? `No events for ${what} up to ${input.asOf}` : `No document ${what}: no event has named it` });
}

/** The walk, reading what it still needs (nothing, unless a hub document is near). */
async function walkReadingLinks(ch: ClickHouseClient, index: LinkIndex, root: DocumentKey, asOf: string | undefined): Promise<Walk> {
  let walk = walkRelated(root, index);
  while (!walk.done && walk.readLinks.length > 0) {
    await readLinks(ch, index, root.entity, walk.readLinks, asOf);
    walk = walkRelated(root, index);
  }
  return walk;
}

export async function documentTimeline(ch: ClickHouseClient, db: Kysely<Database>, input: TimelineInput) {
  const nowMs = input.asOf ? Date.parse(input.asOf) : Date.now();
  const asOf = input.asOf ? toClickHouseDateTime64(nowMs) : undefined;
  const root: DocumentKey = { entity: input.entity, document_type: input.documentType, document_id: input.documentId };
  const settings = loadFinanceSettings(db);
  settings.catch(() => undefined); // awaited below; a NOT_FOUND before then must not leave it unhandled
  const index = new LinkIndex(asOf);
  await readNeighbourhood(ch, index, root.entity, root.document_id);
  let walk = await walkReadingLinks(ch, index, root, asOf);
  const findDocuments = 'findDocuments' in walk ? walk.findDocuments : [];
  const candidates = walk.done ? walk.related : 'candidates' in walk ? walk.candidates : [];
  const rows = await readDocumentRows(ch, root.entity, [root, ...candidates.filter((k) => !sameKey(k, root)).map(keyOf)], findDocuments, asOf);
  if (findDocuments.length > 0) {
    if (rows) index.addDocuments(findDocuments, rows.events.filter((e) => findDocuments.includes(e.document_id)));
    else await readLinks(ch, index, root.entity, findDocuments, asOf);
    walk = walkRelated(root, index);
  }
  if (!walk.done) throw new Error(`timeline of ${input.documentId}: related documents still unresolved`);
  const keys = [root, ...walk.related];
  const limits = { events: timelineLimit + 1, stageEvents: stageEventLimit, spans: timelineLimit + 1 };
  const lists = rows ? timelineLists(root, keys, rows.events, rows.spans, asOf, limits) : await boundedLists(ch, root, keys, asOf, limits);
  const summary = lists.summaries.find((s) => sameKey(s, root));
  if (!summary) throw notFound(input, asOf);
  const stageOf = (key: DocumentKey) => lists.summaries.find((s) => sameKey(s, key))?.stage ?? null;

  return {
    document: { ...summary, time_zone: calendarOf(await settings, root.entity).timeZone },
    // a document linked now but without events up to asOf did not exist yet
    related: walk.related.flatMap((r) => {
      const stage = stageOf(r);
      return stage === null ? [] : [{ ...r, stage }];
    }),
    events: lists.events.slice(0, timelineLimit).map((e) => ({ ...e, data: parseData(e.data) })),
    spans: lists.spans.slice(0, timelineLimit),
    stages: stageDurations(lists.stageEvents, nowMs),
    truncated: { related: walk.truncated, events: lists.events.length > timelineLimit, spans: lists.spans.length > timelineLimit },
  };
}
