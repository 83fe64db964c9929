// "Close risk": per entity, how likely this close is to slip and why, riskiest first, with the
// largest amounts at risk beside it.
import { Card, Text, Title } from '@tremor/react';
import { useSearchParams } from 'react-router-dom';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LastUpdated } from '../components/last-updated.tsx';
import { globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';
import { CloseRiskList } from './close-risk-list.tsx';
import { TopRisksList } from './top-risks-list.tsx';
import { useCloseRisk } from './use-close-risk.ts';
import { useMarkOnce } from './use-mark-once.ts';

export function CloseRiskCard({ refetchInterval, entity }: { refetchInterval: number | false; entity?: string }) {
  const query = useCloseRisk(refetchInterval, entity);
  const [params] = useSearchParams();
  const search = searchWith(params, globalFilterKeys);
  useMarkOnce('overview:data', query.data !== undefined);
  useMarkOnce('overview:close-risk', query.data !== undefined);
  return (
    <div className="grid gap-6 xl:grid-cols-3">
      <Card className="xl:col-span-2" data-testid="close-risk-card">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <Title>Close risk{query.data ? ` · period ${query.data.period}` : ''}</Title>
          <LastUpdated at={query.dataUpdatedAt} refreshing={query.isFetching && query.data !== undefined} />
        </div>
        <DataState
          query={query}
          subject="close risk"
          isEmpty={(view) => view.entities.length === 0}
          empty={<EmptyState title={entity ? `No close-risk figures for ${entity}` : 'No entities to score yet'}>Entities appear once their settings exist or their first documents arrive.</EmptyState>}
        >
          {(view) => <CloseRiskList entities={view.entities} search={search} />}
        </DataState>
      </Card>
      <Card data-testid="top-risks-card">
        <Title>Top risks in money</Title>
        {query.data && <Text>In {query.data.reportingCurrency}, this close</Text>}
        <DataState query={query} subject="top risks" isEmpty={() => false} empty={null}>
          {(view) => <TopRisksList risks={view.topRisks} />}
        </DataState>
      </Card>
    </div>
  );
}
