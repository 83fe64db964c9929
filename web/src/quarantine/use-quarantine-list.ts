// One page of the quarantine, mapped for the table. While another page or filter loads, the
// previous rows stay on screen (dimmed by the table) instead of a loading flash.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import type { TimeWindow } from '../url-state/period.ts';
import { toListInput, type QuarantineView } from './quarantine-filters.ts';
import { toQuarantinePage } from './quarantine-record.ts';

export function useQuarantineList(view: QuarantineView, window: TimeWindow, refetchInterval: number | false) {
  const trpc = useTRPC();
  return useQuery(trpc.quarantine.list.queryOptions(toListInput(view, window), { refetchInterval, select: toQuarantinePage, placeholderData: keepPreviousData }));
}
