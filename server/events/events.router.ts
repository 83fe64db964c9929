// Raw event volumes: the first view of what has arrived.
import { z } from 'zod';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { eventsByTypeSql } from '../../sql/queries/events-by-type.sql.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';

export interface EventTypeCount {
  type: string;
  /** Distinct events, as a decimal string (64-bit counts never pass through a float). */
  events: string;
}

export const eventsRouter = router({
  countsByType: publicProcedure
    .input(z.object({ entity: z.string().max(64).optional(), source: z.string().max(256).optional() }).default({}))
    .query(({ ctx, input }) => queryRows<EventTypeCount>(ctx.ch, eventsByTypeSql(input))),
});
