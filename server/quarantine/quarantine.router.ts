// The quarantine: browse refused records with their reasons, and replay them.
import { z } from 'zod';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { TRPCError } from '@trpc/server';
import {
  quarantineCountSql,
  quarantineHistorySql,
  quarantineListSql,
  quarantineSortKeys,
  quarantineSummarySql,
  type QuarantineFilter,
  type QuarantineRow,
  type QuarantineSummaryRow,
} from '../../sql/queries/quarantine.sql.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { replayQuarantined } from './replay-quarantined.ts';

const filterInput = z.object({
  channel: z.enum(['events', 'traces', 'bank-files']).optional(),
  source: z.string().min(1).max(256).optional(),
  eventType: z.string().min(1).max(256).optional(),
  status: z.enum(['quarantined', 'replayed', 'replay_failed']).optional(),
  errorPath: z.string().min(1).max(256).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

function toFilter(input: z.infer<typeof filterInput>): QuarantineFilter {
  return {
    ...input,
    from: input.from ? toClickHouseDateTime64(Date.parse(input.from)) : undefined,
    to: input.to ? toClickHouseDateTime64(Date.parse(input.to)) : undefined,
  };
}

export const quarantineRouter = router({
  list: publicProcedure
    .input(
      filterInput.extend({
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
        orderBy: z.enum(quarantineSortKeys).default('received_at'),
        direction: z.enum(['asc', 'desc']).default('desc'),
      }),
    )
    .query(async ({ ctx, input }) => {
      const filter = toFilter(input);
      const [rows, [count]] = await Promise.all([
        queryRows<QuarantineRow>(ctx.ch, quarantineListSql(filter, { limit: input.limit, offset: input.offset }, { by: input.orderBy, direction: input.direction })),
        queryRows<{ total: string }>(ctx.ch, quarantineCountSql(filter)),
      ]);
      return { rows, total: count?.total ?? '0' };
    }),

  /** One record as it stands now, with every earlier version (the refusal, then each replay). */
  get: publicProcedure.input(z.object({ quarantineId: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
    const versions = await queryRows<QuarantineRow>(ctx.ch, quarantineHistorySql(input.quarantineId));
    if (versions.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `No quarantined record with id ${input.quarantineId}` });
    return { record: versions[0]!, history: versions };
  }),

  summary: publicProcedure.input(filterInput.default({})).query(({ ctx, input }) => queryRows<QuarantineSummaryRow>(ctx.ch, quarantineSummarySql(toFilter(input)))),

  replay: publicProcedure
    .input(
      z.object({
        records: z
          .array(z.object({ quarantineId: z.string().min(1).max(64), correctedRaw: z.string().max(256 * 1024).optional() }))
          .min(1)
          .max(500),
      }),
    )
    .mutation(({ ctx, input }) => replayQuarantined({ ch: ctx.ch, db: ctx.db, actor: ctx.actor }, input.records)),
});
