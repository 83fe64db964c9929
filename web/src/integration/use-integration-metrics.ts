// metrics.integrationHealth for the global period (the server's default 24 hours when the
// period is all time), refreshed on the page's schedule, mapped in select so a malformed
// answer becomes the query's error.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import type { TimeWindow } from '../url-state/period.ts';
import { toIntegrationMetricsView } from './integration-metrics-view.ts';

/** Sources asked for per answer; the server orders them stalest first. */
export const sourcesLimit = 200;

export function integrationMetricsInput(window: TimeWindow) {
  return { ...(window.from && { from: window.from }), ...(window.to && { to: window.to }), limit: sourcesLimit };
}

export function useIntegrationMetrics(window: TimeWindow, refetchInterval: number | false) {
  const trpc = useTRPC();
  return useQuery(trpc.metrics.integrationHealth.queryOptions(integrationMetricsInput(window), { refetchInterval, select: (data) => toIntegrationMetricsView(data), placeholderData: keepPreviousData }));
}
