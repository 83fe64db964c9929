// Event counts by type, refreshed on the page's schedule and mapped for the card.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import { toEventsReceived, type EventTypeCount } from './event-type-bars.ts';

// A stable reference, so React Query re-maps only when the rows change.
const select = (rows: EventTypeCount[]) => toEventsReceived(rows);

export function useEventsReceived(refetchInterval: number | false) {
  const trpc = useTRPC();
  return useQuery(trpc.events.countsByType.queryOptions({}, { refetchInterval, select }));
}
