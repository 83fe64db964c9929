// Quarantine: the records ingest refused, with every reason and the raw payload; replay them
// one by one (as is or corrected) or in a batch. Filters, page, sort and the open record live
// in the URL, so a view of the quarantine is a link.
import { Card, Title } from '@tremor/react';
import { useEffect, useMemo, useState } from 'react';
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { lastPage } from '../components/data-table/table-pagination.ts';
import { DataState } from '../components/data-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { periodLabel, periodWindow } from '../url-state/period.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { BatchBar, BatchResults } from './batch-replay.tsx';
import { MissingRecordPanel } from './missing-record-panel.tsx';
import { sortableQuarantineColumns } from './quarantine-columns.tsx';
import { PastTheEnd, QuarantineEmpty } from './quarantine-empty.tsx';
import { QuarantineFilterBar } from './quarantine-filter-bar.tsx';
import { hasListFilters } from './quarantine-filters.ts';
import type { QuarantineRecord } from './quarantine-record.ts';
import { topSources } from './quarantine-summary.ts';
import { applyReplay } from './replay-outcome.ts';
import { QuarantineSummaryStrip } from './quarantine-summary-strip.tsx';
import { QuarantineTable } from './quarantine-table.tsx';
import { RecordDetailPanel } from './record-detail-panel.tsx';
import { useQuarantineList } from './use-quarantine-list.ts';
import { useQuarantineSummary } from './use-quarantine-summary.ts';
import { useQuarantineView } from './use-quarantine-view.ts';
import { useReplay } from './use-replay.ts';

const refreshSeconds = 15;

export default function QuarantinePage() {
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const { period } = useGlobalFilters();
  const timeWindow = periodWindow(period, Date.now());
  const { view, setFilters, clearFilters, setPage, setPageSize, setSort, openRecord } = useQuarantineView(sortableQuarantineColumns);
  const list = useQuarantineList(view, timeWindow, autoRefresh.refetchInterval);
  const summary = useQuarantineSummary(view, timeWindow, autoRefresh.refetchInterval);
  const { replay, answered, run, dismissRun } = useReplay();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [snapshot, setSnapshot] = useState<QuarantineRecord | null>(null);

  const records = useMemo(() => list.data?.records ?? [], [list.data]);
  const fresh = records.find((r) => r.id === view.openId);
  useEffect(() => {
    if (fresh) setSnapshot(fresh);
  }, [fresh]);
  const shown = fresh ?? (snapshot?.id === view.openId ? snapshot : undefined);
  const open = shown && applyReplay(shown, answered.get(shown.id));
  const selectedOnPage = records.filter((r) => selected.has(r.id) && r.notReplayable === null);
  const sources = useMemo(() => topSources(summary.data ?? []), [summary.data]);
  const suggestions = useMemo(
    () => ({
      sources: [...new Set((summary.data ?? []).map((r) => r.source).filter(Boolean))].sort(),
      errorPaths: [...new Set((summary.data ?? []).map((r) => r.first_error_path).filter(Boolean))].sort(),
    }),
    [summary.data],
  );
  const filtered = hasListFilters(view) || period.kind !== 'all';
  const eventIdOf = (id: string) => records.find((r) => r.id === id)?.eventId || id;

  return (
    <>
      <PageHeader
        title="Quarantine"
        description={`Records ingest refused, with every reason — fix the cause or the record, then replay. Received: ${periodLabel(period)}.`}
        actions={<AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />}
      />
      <DataState query={summary} subject="the quarantine summary" isEmpty={(rows) => rows.length === 0} empty={null}>
        {() => <QuarantineSummaryStrip sources={sources} onFilter={setFilters} />}
      </DataState>
      <Card className="p-0" data-testid="quarantine-list">
        <div className="flex flex-wrap items-baseline justify-between gap-2 px-3 pt-3">
          <Title>Refused records</Title>
          <LastUpdated at={list.dataUpdatedAt} refreshing={list.isFetching && list.data !== undefined} />
        </div>
        <QuarantineFilterBar view={view} sources={suggestions.sources} errorPaths={suggestions.errorPaths} onChange={setFilters} onClear={clearFilters} />
        <BatchBar
          selectedCount={selectedOnPage.length}
          busy={run?.state === 'pending'}
          onReplaySelected={() => {
            void replay(selectedOnPage.map((r) => ({ quarantineId: r.id })), true);
            setSelected(new Set());
          }}
          onClearSelection={() => setSelected(new Set())}
        />
        {run?.batch && <BatchResults run={run} labelFor={eventIdOf} onRetry={() => void replay(run.requests, true)} onDismiss={dismissRun} />}
        <div className="px-3 pb-1">
          <DataState query={list} subject="quarantined records" isEmpty={(page) => page.total === 0} empty={<QuarantineEmpty filtered={filtered} onClearFilters={() => clearFilters({ andPeriod: true })} />}>
            {(page) =>
              page.records.length === 0 ? (
                <PastTheEnd lastPage={lastPage(page.total, view.pageSize)} onGoTo={setPage} />
              ) : (
                <QuarantineTable
                  records={page.records}
                  sort={view.sort}
                  onSortChange={setSort}
                  openId={view.openId}
                  onOpen={(record) => {
                    setSnapshot(record);
                    openRecord(record.id);
                  }}
                  selected={selected}
                  onSelectedChange={setSelected}
                  pager={{ page: view.page, pageSize: view.pageSize, total: page.total, onPageChange: setPage, onPageSizeChange: setPageSize }}
                  stale={list.isPlaceholderData}
                />
              )
            }
          </DataState>
        </div>
      </Card>
      {view.openId !== undefined &&
        (open ? (
          <RecordDetailPanel
            key={open.id}
            record={open}
            outcome={answered.get(open.id)?.outcome}
            run={run && !run.batch && run.ids.includes(open.id) ? run : null}
            onReplay={(request) => void replay([request], false)}
            onRetry={() => run && void replay(run.requests, false)}
            onClose={() => openRecord(undefined)}
          />
        ) : (
          list.data !== undefined && !list.isPlaceholderData && <MissingRecordPanel id={view.openId} onClose={() => openRecord(undefined)} />
        ))}
    </>
  );
}
