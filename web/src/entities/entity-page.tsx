// Entity (/entities/<entity>): one legal entity's open items — per metric (each figure links
// to the metric's list for the entity), per currency, per counterparty and by age.
import { Navigate, useLocation, useParams } from 'react-router-dom';
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { combineQueries } from '../components/combine-queries.ts';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { useNow } from '../components/use-now.ts';
import { cleanEntity } from '../url-state/global-filters.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { NotFoundPage } from '../app/not-found-page.tsx';
import { useMetricView } from '../metrics/use-metric-view.ts';
import { toEntityBreakdown } from './entity-breakdown.ts';
import { entityPath } from './entity-path.ts';
import { GroupTableCard } from './group-table-card.tsx';
import { MetricSummaryCard } from './metric-summary-card.tsx';

const refreshSeconds = 30;
/** Documents per metric the counterparty and age breakdowns are built from. */
const documentsPerMetric = 500;

export default function EntityPage() {
  const cleaned = cleanEntity(useParams().entity ?? '');
  const { entity: chosen } = useGlobalFilters();
  const { search } = useLocation();
  if (cleaned.value === undefined) return <NotFoundPage />;
  // Choosing another entity in the global filter opens that entity's page.
  if (chosen !== undefined && chosen !== cleaned.value) return <Navigate replace to={{ pathname: entityPath(chosen), search }} />;
  return <Entity key={cleaned.value} entity={cleaned.value} />;
}

function Entity({ entity }: { entity: string }) {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { currency } = useGlobalFilters();
  const now = useNow();
  const input = { entities: [entity], ...(currency ? { currencies: [currency] } : {}), limit: documentsPerMetric, offset: 0 };
  const options = { refetchInterval: autoRefresh.refetchInterval };
  const stuck = useMetricView('stuck-documents', input, options);
  const unmatched = useMetricView('unmatched-payments', input, options);
  const delayed = useMetricView('delayed-confirmations', input, options);
  const duplicates = useMetricView('duplicate-payment-risk', input, options);
  const receivables = useMetricView('receivables-misalignment', input, options);
  const query = combineQueries([stuck, unmatched, delayed, duplicates, receivables]);

  return (
    <>
      <PageHeader
        title={`Entity ${entity}`}
        description={`Open items per metric, currency, counterparty and age${currency ? `, in ${currency}` : ''}. Each metric’s figures link to its list for this entity.`}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <LastUpdated at={query.data ? query.dataUpdatedAt : 0} refreshing={query.isFetching} />
            <AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />
          </div>
        }
      />
      <DataState
        query={query}
        subject={`the figures for ${entity}`}
        isEmpty={(views) => views.every((view) => view.totals.length === 0 && view.documents.length === 0)}
        empty={
          <EmptyState title={`Nothing open for ${entity}`}>
            No stuck documents, unmatched payments, delayed confirmations, duplicate invoices or receivables findings{currency ? ` in ${currency}` : ''}. If you expected some, check the entity code — codes are like DE01.
          </EmptyState>
        }
      >
        {(views) => {
          const breakdown = toEntityBreakdown(views, now);
          const partialNote = breakdown.partial ? `From the first ${documentsPerMetric} items of each metric.` : undefined;
          return (
            <div className="space-y-6">
              <section aria-label="By metric" className="grid gap-6 md:grid-cols-3 xl:grid-cols-5">
                {breakdown.byMetric.map((summary) => (
                  <MetricSummaryCard key={summary.metric} summary={summary} entity={entity} />
                ))}
              </section>
              <div className="grid gap-6 lg:grid-cols-3">
                <GroupTableCard
                  title="By currency"
                  testId="entity-by-currency"
                  empty="No amounts."
                  lines={breakdown.byCurrency.map((t) => ({ key: t.currency, label: t.currency, count: Number(t.count), amountLabel: t.amountLabel }))}
                />
                <GroupTableCard
                  title="Top counterparties"
                  testId="entity-by-counterparty"
                  empty="No counterparties."
                  note={partialNote}
                  lines={breakdown.byCounterparty.map((g) => ({ key: g.key, label: g.label, count: g.count, amountLabel: g.amountLabel }))}
                />
                <GroupTableCard
                  title="Aging (time waiting)"
                  testId="entity-by-age"
                  empty="No dated items."
                  note={partialNote}
                  lines={breakdown.byAge.map((g) => ({ key: g.key, label: `${g.label} · ${g.currency}`, count: g.count, amountLabel: g.amountLabel }))}
                />
              </div>
            </div>
          );
        }}
      </DataState>
    </>
  );
}
