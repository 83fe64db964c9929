// The finance metric catalogue as procedures. Each takes the common filters and returns
// totals, a breakdown and the documents behind the number, paged.
import { z } from 'zod';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { closeRiskRouterEntries } from './close-risk-router-entries.ts';
import { metricFilterInput, pageInput, sortInput } from './metric-input.ts';
import { integrationMetricsRouterEntries } from './integration-metrics-router-entries.ts';
import { forecastMetricsRouterEntries } from './forecast-metrics-router-entries.ts';
import { paymentMetricsRouterEntries } from './payment-metrics-router-entries.ts';
import { receivablesMetricsRouterEntries } from './receivables-metrics-router-entries.ts';
import { servedMetric } from './snapshots/served-metric.ts';
import { stuckDocuments, stuckSortColumns } from './stuck-documents.ts';

export const metricsRouter = router({
  stuckDocuments: publicProcedure
    .input(metricFilterInput.extend({ documentTypes: z.array(z.string().min(1).max(64)).max(20).optional() }).merge(pageInput).merge(sortInput(stuckSortColumns)))
    .query(async ({ ctx, input }) => {
      const settings = await loadFinanceSettings(ctx.db);
      return servedMetric(ctx, 'stuckDocuments', input, settings, () => stuckDocuments(ctx.ch, settings, input));
    }),
  ...paymentMetricsRouterEntries,
  ...closeRiskRouterEntries,
  ...receivablesMetricsRouterEntries,
  ...forecastMetricsRouterEntries,
  ...integrationMetricsRouterEntries,
});
