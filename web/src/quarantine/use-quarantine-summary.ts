// Refused records by source and first reason, for the strip above the list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import type { TimeWindow } from '../url-state/period.ts';
import { toSummaryInput, type QuarantineView } from './quarantine-filters.ts';
import { parseSummaryRows } from './quarantine-summary.ts';

export function useQuarantineSummary(view: QuarantineView, window: TimeWindow, refetchInterval: number | false) {
  const trpc = useTRPC();
  return useQuery(trpc.quarantine.summary.queryOptions(toSummaryInput(view, window), { refetchInterval, select: parseSummaryRows, placeholderData: keepPreviousData }));
}
