// Event counts by type (for one entity when the global filter names one), refreshed on the
// page's schedule and mapped for the card.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import { toEventsReceived, type EventTypeCount } from './event-type-bars.ts';

// A stable reference, so React Query re-maps only when the rows change.
const select = (rows: EventTypeCount[]) => toEventsReceived(rows);

export function useEventsReceived(refetchInterval: number | false, entity?: string) {
  const trpc = useTRPC();
  return useQuery(trpc.events.countsByType.queryOptions(entity === undefined ? {} : { entity }, { refetchInterval, select }));
}
