// The forecast variance procedure, spread into metricsRouter.
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { forecastVarianceInput } from './forecast/forecast-variance-input.ts';
import { forecastVariance } from './forecast-variance.ts';

export const forecastMetricsRouterEntries = {
  forecastVariance: publicProcedure
    .input(forecastVarianceInput)
    .query(async ({ ctx, input }) => forecastVariance(ctx.ch, await loadFinanceSettings(ctx.db), input)),
};
