// Documents: the current stage of each, as derived from its events.
import { z } from 'zod';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { documentStateSql, type DocumentStateRow } from '../../sql/queries/document-state.sql.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { documentState } from './document-state.ts';
import { documentTimeline, timelineInput } from './timeline.ts';

const text = z.string().min(1).max(128);

export const documentsRouter = router({
  /** Documents with their current stage, filtered and paged (one page beyond for "has more"). */
  list: publicProcedure
    .input(
      z.object({
        entity: text.optional(),
        documentType: text.optional(),
        stage: text.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await queryRows<DocumentStateRow>(ctx.ch, documentStateSql(input, { limit: input.limit + 1, offset: input.offset }));
      return { rows: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
    }),

  state: publicProcedure
    .input(z.object({ entity: text, documentType: text, documentId: text }))
    .query(({ ctx, input }) => documentState(ctx.ch, input)),

  /** Every event of the document and its related documents, the spans that carried them, time in each stage. */
  timeline: publicProcedure.input(timelineInput).query(({ ctx, input }) => documentTimeline(ctx.ch, ctx.db, input)),
});
