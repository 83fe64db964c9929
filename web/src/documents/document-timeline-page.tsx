// Document timeline (/documents/<entity>/<type>/<id>): the document's facts, its events across
// systems and the spans that carried them as a waterfall, the time it spent in each stage, and
// links to related documents.
import { Card, Title } from '@tremor/react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AutoRefreshToggle } from '../components/auto-refresh-toggle.tsx';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useAutoRefresh } from '../components/use-auto-refresh.ts';
import { zoneOf } from '../entities/entity-zones.ts';
import { entityPath } from '../entities/entity-path.ts';
import { useEntityZones } from '../entities/use-entity-zones.ts';
import { formatMaybeMoney } from '../money/format-money.ts';
import { globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';
import { timelinePath } from './timeline-path.ts';
import { toStageLines, toWaterfall } from './waterfall.ts';
import { WaterfallChart } from './waterfall-chart.tsx';
import { useDocumentTimeline } from './use-document-timeline.ts';
import type { TimelineData } from './timeline-data.ts';

const refreshSeconds = 30;

export default function DocumentTimelinePage() {
  const { entity = '', documentType = '', documentId = '' } = useParams();
  const autoRefresh = useAutoRefresh(refreshSeconds);
  const [params] = useSearchParams();
  const search = searchWith(params, globalFilterKeys);
  const zones = useEntityZones();
  const query = useDocumentTimeline({ entity, documentType, documentId }, autoRefresh.refetchInterval);
  const timeZone = query.data?.timeZone ?? zoneOf(zones, entity);
  const notFound = query.data === undefined && isNotFound(query.error);

  return (
    <>
      <PageHeader
        title={`${documentType.replace(/_/g, ' ')} ${documentId}`}
        description={
          <>
            Entity{' '}
            <Link to={{ pathname: entityPath(entity), search }} className="text-tremor-brand hover:underline dark:text-dark-tremor-brand" data-testid="timeline-entity-link">
              {entity}
            </Link>{' '}
            · its events across systems, the spans that carried them, and time in each stage. Times in {timeZone}.
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <LastUpdated at={query.dataUpdatedAt} refreshing={query.isFetching && query.data !== undefined} />
            <AutoRefreshToggle paused={autoRefresh.paused} intervalSeconds={autoRefresh.intervalSeconds} onToggle={autoRefresh.toggle} />
          </div>
        }
      />
      {notFound ? (
        <EmptyState title="No such document yet">
          No event for {documentType.replace(/_/g, ' ')} {documentId} in entity {entity} has arrived. Check the link, or wait for the source system to send it.
        </EmptyState>
      ) : (
      <DataState
        query={query}
        subject="the document’s timeline"
        isEmpty={(data) => data.document === null && data.events.length === 0}
        empty={
          <EmptyState title="No such document yet">
            No event for {documentType} {documentId} in entity {entity} has arrived. Check the link, or wait for the source system to send it.
          </EmptyState>
        }
      >
        {(data) => <Timeline data={data} timeZone={timeZone} search={search} />}
      </DataState>
      )}
    </>
  );
}

/** The API's "no such document" is an answer, not a failure. */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'data' in error && (error as { data?: { code?: string } }).data?.code === 'NOT_FOUND';
}

function Timeline({ data, timeZone, search }: { data: TimelineData; timeZone: string; search: string }) {
  const waterfall = toWaterfall(data.spans, data.events);
  const stages = toStageLines(data.stages);
  const doc = data.document;
  return (
    <div className="space-y-6">
      {doc && (
        <Card data-testid="timeline-document">
          <dl className="grid grid-cols-2 gap-4 text-tremor-default md:grid-cols-3 xl:grid-cols-6">
            <Fact label="Current stage" value={doc.stage.replace(/^finance\./, '')} testId="timeline-stage" />
            <Fact label="Amount" value={formatMaybeMoney(doc.amount, doc.currency)} testId="timeline-amount" data={{ 'data-amount': doc.amount ?? '', 'data-currency': doc.currency }} />
            <Fact label="Counterparty" value={doc.counterparty || '—'} />
            <Fact label="Systems" value={[...new Set(data.events.map((e) => e.lane))].join(', ') || '—'} />
            <Fact label="Events · spans" value={`${data.events.length} · ${data.spans.length}`} testId="timeline-counts" />
            <Fact label="Related documents" value={String(data.related.length)} />
          </dl>
        </Card>
      )}
      <Card>
        <Title>Events and spans</Title>
        {waterfall.bars.length === 0 ? (
          <EmptyState title="No events or spans recorded for this document">Events appear as the source systems send them; spans when the middleware exports traces tagged with the document.</EmptyState>
        ) : (
          <div className="mt-4">
            <WaterfallChart waterfall={waterfall} timeZone={timeZone} />
            {data.truncated.length > 0 && <p className="mt-2 text-tremor-label text-amber-700 dark:text-amber-300">Cut short: {data.truncated.join(', ')} (the first 500 are shown).</p>}
          </div>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card data-testid="timeline-stages">
          <Title>Time in each stage</Title>
          {stages.length === 0 ? (
            <p className="mt-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">No stage recorded yet.</p>
          ) : (
            <ul className="mt-3 space-y-1.5">
              {stages.map((stage) => (
                <li key={`${stage.stage}|${stage.durationMs}`} className="flex items-center gap-3 text-tremor-default" data-testid="timeline-stage-row">
                  <div className="relative flex h-7 min-w-0 flex-1 items-center">
                    <div aria-hidden="true" className={`absolute inset-y-0 left-0 rounded-tremor-small ${stage.current ? 'bg-amber-400/40' : 'bg-tremor-brand-subtle/30 dark:bg-dark-tremor-brand-subtle/50'}`} style={{ width: `${stage.sharePct}%` }} />
                    <span className="relative truncate px-2 text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
                      {stage.label}
                      {stage.current ? ' (current)' : ''}
                    </span>
                  </div>
                  <span className="w-24 text-right tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{stage.durationLabel}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card data-testid="timeline-related">
          <Title>Related documents</Title>
          {data.related.length === 0 ? (
            <p className="mt-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">No related document found (matched payments, bank entries and invoices appear here once linked).</p>
          ) : (
            <ul className="mt-3 divide-y divide-tremor-border dark:divide-dark-tremor-border">
              {data.related.map((r) => (
                <li key={`${r.entity}|${r.documentType}|${r.documentId}`} className="flex items-baseline justify-between gap-3 py-1.5 text-tremor-default">
                  <Link to={{ pathname: timelinePath(r.entity, r.documentType, r.documentId), search }} className="truncate text-tremor-brand hover:underline dark:text-dark-tremor-brand" data-testid="related-link">
                    {r.documentType.replace(/_/g, ' ')} {r.documentId}
                  </Link>
                  <span className="text-tremor-content dark:text-dark-tremor-content">{r.relation}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function Fact({ label, value, testId, data }: { label: string; value: string; testId?: string; data?: Record<string, string> }) {
  return (
    <div>
      <dt className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{label}</dt>
      <dd className="mt-0.5 break-words font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid={testId} {...data}>
        {value}
      </dd>
    </div>
  );
}
