// One document's timeline: its events and those of its related documents (correlation both
// ways, bank matches), the spans that carried them, ordered by business time, and the time
// it spent in each stage. Three ClickHouse round trips, each bounded by document keys:
// (document_state lookup ∥ first hop of links) → second hop → (events ∥ summaries ∥ stage
// events ∥ spans).
import type { ClickHouseClient } from '@clickhouse/client';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import {
  documentSummariesSql,
  stageEventsSql,
  timelineEventsSql,
  timelineSpansSql,
  type DocumentSummaryRow,
  type TimelineEventRow,
  type TimelineSpanRow,
} from '../../sql/queries/document-timeline-events.sql.ts';
import { documentStateSql, type DocumentStateRow } from '../../sql/queries/document-state.sql.ts';
import type { DocumentKey } from '../../sql/queries/document-timeline-links.sql.ts';
import { calendarOf, loadFinanceSettings } from '../settings/finance-settings.ts';
import { relatedDocuments } from './related-documents.ts';
import { stageDurations } from './stage-durations.ts';

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

function notFound(input: TimelineInput, asOf: string | undefined): TRPCError {
  const what = `${input.documentType} ${input.documentId} of entity ${input.entity}`;
  return new TRPCError({ code: 'NOT_FOUND', message: asOf ? `No events for ${what} up to ${input.asOf}` : `No document ${what}: no event has named it` });
}

export async function documentTimeline(ch: ClickHouseClient, db: Kysely<Database>, input: TimelineInput) {
  const nowMs = input.asOf ? Date.parse(input.asOf) : Date.now();
  const asOf = input.asOf ? toClickHouseDateTime64(nowMs) : undefined;
  const root: DocumentKey = { entity: input.entity, document_type: input.documentType, document_id: input.documentId };
  const settings = loadFinanceSettings(db);
  settings.catch(() => undefined); // awaited below; a NOT_FOUND before then must not leave it unhandled
  const [[state], { related, truncated: relatedTruncated }] = await Promise.all([
    queryRows<DocumentStateRow>(ch, documentStateSql({ entity: root.entity, documentType: root.document_type, documentId: root.document_id }, { limit: 1, offset: 0 })),
    relatedDocuments(ch, root, asOf),
  ]);
  if (!state) throw notFound(input, asOf);

  const keys = [root, ...related];
  const [events, summaries, stageEvents, spans] = await Promise.all([
    queryRows<TimelineEventRow>(ch, timelineEventsSql(keys, asOf, timelineLimit + 1)),
    queryRows<DocumentSummaryRow>(ch, documentSummariesSql(keys, asOf)),
    queryRows<{ type: string; time: string }>(ch, stageEventsSql(root, asOf, stageEventLimit)),
    queryRows<TimelineSpanRow>(ch, timelineSpansSql(keys, asOf, timelineLimit + 1)),
  ]);
  const summary = summaries.find((s) => sameKey(s, root));
  if (!summary) throw notFound(input, asOf);
  const stageOf = (key: DocumentKey) => summaries.find((s) => sameKey(s, key))?.stage ?? null;

  return {
    document: { ...summary, time_zone: calendarOf(await settings, root.entity).timeZone },
    // a document linked now but without events up to asOf did not exist yet
    related: related.flatMap((r) => {
      const stage = stageOf(r);
      return stage === null ? [] : [{ ...r, stage }];
    }),
    events: events.slice(0, timelineLimit).map((e) => ({ ...e, data: parseData(e.data) })),
    spans: spans.slice(0, timelineLimit),
    stages: stageDurations(stageEvents, nowMs),
    truncated: { related: relatedTruncated, events: events.length > timelineLimit, spans: spans.length > timelineLimit },
  };
}
