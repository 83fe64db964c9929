// Overview: the first screen a finance lead sees — close risk per entity and why, the key
// figures with their trend (each links to its list), the largest risks in money, and below
// them what has arrived from the finance systems.
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { useNow } from '../components/use-now.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { CloseRiskCard } from './close-risk-card.tsx';
import { EventsReceivedCard } from './events-received-card.tsx';
import { dayAgoIso, KpiCards } from './kpi-cards.tsx';

// The close-risk and metric queries take seconds on a busy warehouse; refreshing faster would
// queue new queries behind unfinished ones.
const refreshSeconds = 30;

export default function OverviewPage() {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { entity } = useGlobalFilters();
  const now = useNow(60_000);
  return (
    <>
      <PageHeader
        title="Overview"
        description={entity ? `Close risk and open items for ${entity}.` : 'Which entities are at risk for this close, and why.'}
        actions={<AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />}
      />
      <div className="space-y-6">
        <KpiCards entity={entity} refetchInterval={autoRefresh.refetchInterval} dayAgo={dayAgoIso(now)} />
        <CloseRiskCard refetchInterval={autoRefresh.refetchInterval} entity={entity} />
        <div className="grid gap-6 lg:grid-cols-2">
          <EventsReceivedCard refetchInterval={autoRefresh.refetchInterval} entity={entity} />
        </div>
      </div>
    </>
  );
}
