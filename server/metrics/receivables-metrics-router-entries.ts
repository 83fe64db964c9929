// The receivables-misalignment and duplicate-payment-risk procedures, spread into metricsRouter.
import { z } from 'zod';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { duplicatePaymentRisk } from './duplicate-payment-risk.ts';
import { metricFilterInput, pageInput } from './metric-input.ts';
import { receivablesMisalignment } from './receivables-misalignment.ts';

const receivablesKind = z.enum(['misaligned', 'broken_promise']);

export const receivablesMetricsRouterEntries = {
  receivablesMisalignment: publicProcedure
    .input(metricFilterInput.extend({ kinds: z.array(receivablesKind).max(2).optional() }).merge(pageInput))
    .query(async ({ ctx, input }) => receivablesMisalignment(ctx.ch, await loadFinanceSettings(ctx.db), input)),
  duplicatePaymentRisk: publicProcedure
    .input(metricFilterInput.merge(pageInput))
    .query(async ({ ctx, input }) => duplicatePaymentRisk(ctx.ch, await loadFinanceSettings(ctx.db), input)),
};
