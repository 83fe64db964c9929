// The integration-health procedure, spread into metricsRouter.
import { publicProcedure } from '../trpc/trpc.ts';
import { integrationHealth, integrationHealthInput } from './integration-health.ts';
import { servedMetric } from './snapshots/served-metric.ts';

export const integrationMetricsRouterEntries = {
  integrationHealth: publicProcedure.input(integrationHealthInput).query(({ ctx, input }) => servedMetric(ctx, 'integrationHealth', input, null, () => integrationHealth(ctx.ch, input))),
};
