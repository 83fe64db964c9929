// The integration-health procedure, spread into metricsRouter.
import { publicProcedure } from '../trpc/trpc.ts';
import { integrationHealth, integrationHealthInput } from './integration-health.ts';

export const integrationMetricsRouterEntries = {
  integrationHealth: publicProcedure.input(integrationHealthInput).query(({ ctx, input }) => integrationHealth(ctx.ch, input)),
};
