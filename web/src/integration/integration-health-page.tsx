// Integration health: is every feed arriving, how much ingest refused, and whether ingest
// keeps up. Stale feeds stand out; a rejected count opens the quarantine for that source.
import { useSearchParams } from 'react-router-dom';
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { useNow } from '../components/use-now.ts';
import { periodWindow } from '../url-state/period.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { IngestInstancesCard } from './ingest-instances-card.tsx';
import { IngestSourcesCard } from './ingest-sources-card.tsx';
import { IngestTotals } from './ingest-totals.tsx';
import { quarantineSearch } from './quarantine-link.ts';
import { StaleFeedsNotice } from './stale-feeds-notice.tsx';
import { useIngestHealth } from './use-ingest-health.ts';

const refreshSeconds = 10;

export default function IntegrationHealthPage() {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { period } = useGlobalFilters();
  const now = useNow();
  const [params] = useSearchParams();
  const health = useIngestHealth(periodWindow(period, now), autoRefresh.refetchInterval, now);

  return (
    <>
      <PageHeader
        title="Integration health"
        description={health.data ? <span data-testid="ingest-window">Window: {health.data.windowLabel}</span> : 'What each source sent and whether ingest keeps up.'}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <LastUpdated at={health.dataUpdatedAt} refreshing={health.isFetching && health.data !== undefined} />
            <AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />
          </div>
        }
      />
      <DataState
        query={health}
        subject="ingest health"
        isEmpty={(v) => v.sources.length === 0 && v.instances.length === 0}
        empty={
          <EmptyState title="No ingest activity in this window">
            Sources appear here once they send records to ingest (<code className="font-mono">POST /v1/events</code>, OTLP traces or bank files). Widen the period
            at the top if you expected some.
          </EmptyState>
        }
      >
        {(v) => (
          <div className="space-y-6">
            <StaleFeedsNotice sources={v.sources} />
            <IngestTotals totals={v.totals} quarantineHref={`/quarantine${quarantineSearch(params)}`} />
            <IngestSourcesCard sources={v.sources} stale={health.isPlaceholderData} />
            <IngestInstancesCard instances={v.instances} stale={health.isPlaceholderData} />
          </div>
        )}
      </DataState>
    </>
  );
}
