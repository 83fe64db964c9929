// "Events received": how many finance events have arrived in total and per type.
import { Card, Metric, Text, Title } from '@tremor/react';
import { DataState } from '../components/data-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { EventTypeList } from './event-type-list.tsx';
import { NoEventsYet } from './no-events-yet.tsx';
import { useEventsReceived } from './use-events-received.ts';
import { useMarkOnce } from './use-mark-once.ts';

export function EventsReceivedCard({ refetchInterval, entity }: { refetchInterval: number | false; entity?: string }) {
  const query = useEventsReceived(refetchInterval, entity);
  useMarkOnce('overview:events', query.data !== undefined);
  return (
    <Card data-testid="events-received-card">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Title>Events received{entity === undefined ? '' : ` · ${entity}`}</Title>
        <LastUpdated at={query.dataUpdatedAt} refreshing={query.isFetching && query.data !== undefined} />
      </div>
      <DataState query={query} subject="event counts" isEmpty={(received) => received.bars.length === 0} empty={<NoEventsYet entity={entity} />}>
        {(received) => (
          <>
            <Metric className="mt-2" data-testid="events-total" data-count={received.total}>
              {received.totalLabel}
            </Metric>
            <Text>
              across {received.bars.length} event {received.bars.length === 1 ? 'type' : 'types'}
            </Text>
            <EventTypeList bars={received.bars} />
          </>
        )}
      </DataState>
    </Card>
  );
}
