// Ingest health for the global period (the server's default window when the period is all
// time), refreshed on the page's schedule and mapped for the page as of `nowMs`. Mapping runs
// in React Query's select, so a malformed answer becomes the query's error, shown as such.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC, type ApiOutputs } from '../lib/trpc.ts';
import type { TimeWindow } from '../url-state/period.ts';
import { toIngestHealthView } from './ingest-health-view.ts';

export function useIngestHealth(window: TimeWindow, refetchInterval: number | false, nowMs: number) {
  const trpc = useTRPC();
  const input = { ...(window.from && { from: window.from }), ...(window.to && { to: window.to }) };
  const select = useCallback((data: ApiOutputs['integration']['ingestHealth']) => toIngestHealthView(data, nowMs), [nowMs]);
  return useQuery(trpc.integration.ingestHealth.queryOptions(input, { refetchInterval, select, placeholderData: keepPreviousData }));
}
