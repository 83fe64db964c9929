// The close-risk procedures (score per entity now, and its daily trend), spread into metricsRouter.
// Views without asOf are served from the latest evaluation (close-risk/close-risk-served.ts).
import { z } from 'zod';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { closeRiskServed, closeRiskTrendServed } from './close-risk/close-risk-served.ts';
import { metricFilterInput } from './metric-input.ts';

export const closeRiskInput = metricFilterInput.pick({ entities: true, asOf: true }).extend({
  /** 'YYYY-MM'; default: the period being closed as of asOf. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM').optional(),
});

export const closeRiskRouterEntries = {
  closeRisk: publicProcedure
    .input(closeRiskInput)
    .query(async ({ ctx, input }) => closeRiskServed(ctx.ch, await loadFinanceSettings(ctx.db), input)),
  closeRiskTrend: publicProcedure
    .input(closeRiskInput.extend({ days: z.number().int().min(2).max(31).default(14) }))
    .query(async ({ ctx, input }) => closeRiskTrendServed(ctx.ch, await loadFinanceSettings(ctx.db), input)),
};
