// Integration health: each flow's throughput, errors, latency and freshness, each source's
// freshness against its rhythm, how much ingest refused, and whether ingest keeps up. Failing
// and stale feeds stand out; rejected and quarantined counts open the quarantine for that source.
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
import { FlowsCard } from './flows-card.tsx';
import { IngestInstancesCard } from './ingest-instances-card.tsx';
import { IngestSourcesCard } from './ingest-sources-card.tsx';
import { IngestTotals } from './ingest-totals.tsx';
import { quarantineSearch } from './quarantine-link.ts';
import { SourceFreshnessCard } from './source-freshness-card.tsx';
import { StaleFeedsNotice } from './stale-feeds-notice.tsx';
import { useIngestHealth } from './use-ingest-health.ts';
import { useIntegrationMetrics } from './use-integration-metrics.ts';

const refreshSeconds = 10;

export default function IntegrationHealthPage() {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { period } = useGlobalFilters();
  const now = useNow();
  const [params] = useSearchParams();
  const timeWindow = periodWindow(period, now);
  const health = useIngestHealth(timeWindow, autoRefresh.refetchInterval, now);
  const metrics = useIntegrationMetrics(timeWindow, autoRefresh.refetchInterval);

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
      <section className="mb-6 space-y-6" aria-label="Flows and source freshness">
        <DataState
          query={metrics}
          subject="flow health"
          isEmpty={(v) => v.flows.length === 0 && v.sources.length === 0}
          empty={
            <EmptyState title="No integration flows or sources in this window">
              Flows appear once middleware sends traces with a flow attribute or integration.message events; sources once they send events.
            </EmptyState>
          }
        >
          {(v) => (
            <>
              <FlowsCard flows={v.flows} totals={v.totals} stale={metrics.isPlaceholderData} />
              <SourceFreshnessCard sources={v.sources} more={v.moreSources} stale={metrics.isPlaceholderData} />
            </>
          )}
        </DataState>
      </section>
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
