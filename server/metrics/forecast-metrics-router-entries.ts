// The forecast variance procedure, spread into metricsRouter.
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { forecastVarianceInput } from './forecast/forecast-variance-input.ts';
import { forecastVariance } from './forecast-variance.ts';
import { servedMetric } from './snapshots/served-metric.ts';

export const forecastMetricsRouterEntries = {
  forecastVariance: publicProcedure
    .input(forecastVarianceInput)
    .query(async ({ ctx, input }) => {
      const settings = await loadFinanceSettings(ctx.db);
      return servedMetric(ctx, 'forecastVariance', input, settings, () => forecastVariance(ctx.ch, settings, input));
    }),
};
