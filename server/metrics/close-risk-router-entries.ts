// The close-risk procedures (score per entity now, and its daily trend), spread into metricsRouter.
import { z } from 'zod';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { closeRisk } from './close-risk.ts';
import { closeRiskTrend } from './close-risk/close-risk-trend.ts';
import { metricFilterInput } from './metric-input.ts';

export const closeRiskInput = metricFilterInput.pick({ entities: true, asOf: true }).extend({
  /** 'YYYY-MM'; default: the period being closed as of asOf. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM').optional(),
});

export const closeRiskRouterEntries = {
  closeRisk: publicProcedure
    .input(closeRiskInput)
    .query(async ({ ctx, input }) => closeRisk(ctx.ch, await loadFinanceSettings(ctx.db), input)),
  closeRiskTrend: publicProcedure
    .input(closeRiskInput.extend({ days: z.number().int().min(2).max(31).default(14) }))
    .query(async ({ ctx, input }) => closeRiskTrend(ctx.ch, await loadFinanceSettings(ctx.db), input)),
};
