// Entity (/entities): with an entity chosen in the global filter, go straight to its page;
// otherwise list the entities close risk scores (configured or with documents), and let the
// user type a code.
import { Card, Title } from '@tremor/react';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { DataState } from '../components/data-state.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FilterTextInput } from '../components/filter-text-input.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { cleanEntity, globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { entityPath } from './entity-path.ts';

const entitiesOf = (answer: { entities: { entity: string }[] }) => [...new Set(answer.entities.map((row) => row.entity))].sort();

export default function EntityIndexPage() {
  const { entity } = useGlobalFilters();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const query = useQuery(trpc.metrics.closeRisk.queryOptions({}, { select: entitiesOf, enabled: entity === undefined }));
  const search = searchWith(params, globalFilterKeys);
  if (entity !== undefined) return <Navigate replace to={{ pathname: entityPath(entity), search }} />;
  return (
    <>
      <PageHeader title="Entities" description="Pick an entity to see its open items by metric, currency, counterparty and age." />
      <Card>
        <FilterTextInput label="Entity code" name="open-entity" value={undefined} placeholder="e.g. DE01" clean={cleanEntity} onCommit={(code) => code && navigate({ pathname: entityPath(code), search })} />
        <Title className="mt-6">Entities</Title>
        <DataState query={query} subject="entities" isEmpty={(list) => list.length === 0} empty={<EmptyState title="No entities yet">Entities appear once their settings exist or their first documents arrive. Type an entity code above to open its page anyway.</EmptyState>}>
          {(list) => (
            <ul className="mt-3 flex flex-wrap gap-2" data-testid="entity-list">
              {list.map((code) => (
                <li key={code}>
                  <Link to={{ pathname: entityPath(code), search }} className="block rounded-tremor-small border border-tremor-border px-3 py-1.5 font-medium text-tremor-brand hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:text-dark-tremor-brand dark:hover:bg-dark-tremor-background-subtle">
                    {code}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </DataState>
      </Card>
    </>
  );
}
