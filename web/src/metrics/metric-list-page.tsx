// A metric's drilldown list (/metrics/<metric>): totals per currency, its breakdowns, and the
// documents behind the number, paged by the server. Filters, limit/offset and sort live in
// the URL; the sort goes to the server (orderBy/direction, back to the first page) when the
// metric's procedure sorts, else it orders the rows of the page. Every row opens its timeline.
import { Callout, Card, Title } from '@tremor/react';
import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { DataTable } from '../components/data-table/data-table.tsx';
import { ServerPager } from '../components/data-table/server-pager.tsx';
import { formatSortParam, parseSortParam, sortRows } from '../components/data-table/table-sort.ts';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FilterTextInput } from '../components/filter-text-input.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { useEntityZones } from '../entities/use-entity-zones.ts';
import { NotFoundPage } from '../app/not-found-page.tsx';
import { globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { useUrlFilters } from '../url-state/use-url-filters.ts';
import { BreakdownCard } from './breakdown-card.tsx';
import { isMetricId, metricCatalog, type MetricInfo } from './metric-catalog.ts';
import { metricDocumentColumns, sortableDocumentColumns } from './metric-document-columns.tsx';
import { metricListKeys, parseMetricListParams, toMetricListInput } from './metric-list-params.ts';
import { serverSortOf, sortableColumnsOf, sortsOnServer } from './metric-server-sort.ts';
import { MetricTabs } from './metric-tabs.tsx';
import { useMetricView } from './use-metric-view.ts';
import { MoneyTotalsStrip } from './money-totals-strip.tsx';

const refreshSeconds = 30;

export default function MetricListPage() {
  const { metric } = useParams();
  if (!isMetricId(metric)) return <NotFoundPage />;
  return <MetricList key={metric} info={metricCatalog[metric]} />;
}

function MetricList({ info }: { info: MetricInfo }) {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const global = useGlobalFilters();
  const { values, set } = useUrlFilters(metricListKeys);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const zones = useEntityZones();
  const view = parseMetricListParams(global, values);
  const onServer = sortsOnServer(info.id);
  const sort = parseSortParam(view.sort, sortableColumnsOf(info.id, sortableDocumentColumns));
  const input = toMetricListInput(view, serverSortOf(info.id, sort));
  const query = useMetricView(info.id, input, { refetchInterval: autoRefresh.refetchInterval });
  const search = searchWith(params, globalFilterKeys);
  const columns = useMemo(() => {
    const all = metricDocumentColumns(zones, search, info.id);
    if (!onServer) return all;
    // only the columns the server can sort by offer sorting
    const sortable = new Set<string>(sortableColumnsOf(info.id, sortableDocumentColumns));
    return all.map((c) => (sortable.has(c.id) ? c : { ...c, sortValue: undefined }));
  }, [zones, search, onServer, info.id]);
  const filtered = view.entity !== undefined || view.currency !== undefined || view.counterparty !== undefined;
  const scope = [view.entity && `entity ${view.entity}`, view.currency && `currency ${view.currency}`, view.counterparty && `counterparty “${view.counterparty}”`].filter(Boolean).join(', ');
  const clearFilters = () => set({ counterparty: undefined }, { reset: ['offset', 'entity', 'currency'] });

  return (
    <>
      <PageHeader
        title={info.title}
        description={`${info.description}${scope ? ` Showing ${scope}.` : ''}`}
        actions={<AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />}
      />
      <MetricTabs />
      {/* above the answer, empty or not: an empty list while matching catches up is not "none" */}
      {query.data?.notice ? (
        <Callout title="Not complete yet" color="amber" className="mb-6" data-testid="metric-notice">
          {query.data.notice}
        </Callout>
      ) : null}
      <DataState
        query={query}
        subject={info.title.toLowerCase()}
        isEmpty={(data) => data.totals.length === 0 && data.documents.length === 0 && view.offset === 0}
        empty={
          filtered ? (
            <EmptyState title={`No ${info.noun.many} match the filters`}>
              Nothing for {scope}.{' '}
              <button type="button" className="text-tremor-brand hover:underline dark:text-dark-tremor-brand" onClick={clearFilters} data-testid="clear-filters">
                Clear the filters
              </button>{' '}
              to see every entity.
            </EmptyState>
          ) : (
            <EmptyState title={`No ${info.title.toLowerCase()} right now`}>{info.emptyText}</EmptyState>
          )
        }
      >
        {(data) => (
          <div className="space-y-6">
            <MoneyTotalsStrip totals={data.totals} noun={info.noun} reporting={data.reporting} />
            <div className="grid gap-6 lg:grid-cols-2 2xl:grid-cols-3">
              {data.breakdowns.map((breakdown) => (
                <BreakdownCard key={breakdown.title} breakdown={breakdown} />
              ))}
            </div>
            <Card className="p-0" data-testid="metric-documents">
              <div className="flex flex-wrap items-center justify-between gap-3 px-3 pt-3">
                <Title>The {info.noun.many} behind the number</Title>
                <div className="flex flex-wrap items-center gap-4">
                  <FilterTextInput label="Counterparty" name="counterparty" value={view.counterparty} placeholder="any" onCommit={(counterparty) => set({ counterparty }, { reset: ['offset'] })} />
                  <LastUpdated at={data.computedAt ?? query.dataUpdatedAt} refreshing={query.isFetching} />
                </div>
              </div>
              <p className="px-3 pt-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="sort-scope">
                {onServer ? 'Sorting orders every page: the server sorts the whole list.' : 'Sorting orders the rows of this page; the server pages in the order shown first.'}
              </p>
              {data.documents.length === 0 ? (
                <EmptyState title="No rows on this page">
                  <button type="button" className="text-tremor-brand hover:underline dark:text-dark-tremor-brand" onClick={() => set({ offset: undefined })}>
                    Go to the first page
                  </button>
                </EmptyState>
              ) : (
                <DataTable
                  caption={`${info.title}: documents`}
                  columns={columns}
                  rows={onServer ? data.documents : sortRows(data.documents, columns, sort)}
                  rowKey={(row) => row.key}
                  sort={sort}
                  onSortChange={(next) => (onServer ? set({ sort: formatSortParam(next) }, { reset: ['offset'] }) : set({ sort: formatSortParam(next) }, { replace: true }))}
                  onOpenRow={(row) => navigate({ pathname: row.timelineHref, search })}
                  stale={query.isPlaceholderData}
                  testId="metric-documents-table"
                />
              )}
              <ServerPager
                limit={view.limit}
                offset={view.offset}
                shown={data.documents.length}
                hasMore={data.hasMore}
                onOffsetChange={(offset) => set({ offset: offset > 0 ? String(offset) : undefined, limit: String(view.limit) })}
                onLimitChange={(limit) => set({ limit: String(limit) }, { reset: ['offset'] })}
              />
            </Card>
          </div>
        )}
      </DataState>
    </>
  );
}
