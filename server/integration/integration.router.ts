// Integration health, starting with ingest itself: what each source sent and how it fared,
// and whether ingest keeps up (spool, lag, flush latency).
import { z } from 'zod';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { ingestInstancesSql, ingestRecordsBySourceSql, type IngestInstanceRow, type IngestSourceRow } from '../../sql/queries/ingest-health.sql.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';

const windowInput = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .default({});

export const integrationRouter = router({
  ingestHealth: publicProcedure.input(windowInput).query(async ({ ctx, input }) => {
    const to = input.to ? Date.parse(input.to) : Date.now() + 60_000;
    const from = input.from ? Date.parse(input.from) : to - 24 * 3600_000;
    const window = { from: toClickHouseDateTime64(from), to: toClickHouseDateTime64(to) };
    const [sources, instances] = await Promise.all([
      queryRows<IngestSourceRow>(ctx.ch, ingestRecordsBySourceSql(window)),
      queryRows<IngestInstanceRow>(ctx.ch, ingestInstancesSql(window)),
    ]);
    return { window, sources, instances };
  }),
});
