// Overview: the first screen a finance lead sees. Today: what has arrived; more cards follow.
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { EventsReceivedCard } from './events-received-card.tsx';

const refreshSeconds = 10;

export default function OverviewPage() {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { entity } = useGlobalFilters();
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Overview</h1>
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">What has arrived from your finance systems.</p>
        </div>
        <AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <EventsReceivedCard refetchInterval={autoRefresh.refetchInterval} entity={entity} />
      </div>
    </>
  );
}
