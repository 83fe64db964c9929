// The receivables-misalignment and duplicate-payment-risk procedures, spread into metricsRouter.
import { z } from 'zod';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { duplicatePaymentRisk, duplicateSortColumns } from './duplicate-payment-risk.ts';
import { metricFilterInput, pageInput, sortInput } from './metric-input.ts';
import { receivablesMisalignment, receivablesSortColumns } from './receivables-misalignment.ts';
import { servedMetric } from './snapshots/served-metric.ts';

const receivablesKind = z.enum(['misaligned', 'broken_promise']);

export const receivablesMetricsRouterEntries = {
  receivablesMisalignment: publicProcedure
    .input(metricFilterInput.extend({ kinds: z.array(receivablesKind).max(2).optional() }).merge(pageInput).merge(sortInput(receivablesSortColumns)))
    .query(async ({ ctx, input }) => {
      const settings = await loadFinanceSettings(ctx.db);
      return servedMetric(ctx, 'receivablesMisalignment', input, settings, () => receivablesMisalignment(ctx.ch, settings, input));
    }),
  duplicatePaymentRisk: publicProcedure
    .input(metricFilterInput.merge(pageInput).merge(sortInput(duplicateSortColumns)))
    .query(async ({ ctx, input }) => {
      const settings = await loadFinanceSettings(ctx.db);
      return servedMetric(ctx, 'duplicatePaymentRisk', input, settings, () => duplicatePaymentRisk(ctx.ch, settings, input));
    }),
};
