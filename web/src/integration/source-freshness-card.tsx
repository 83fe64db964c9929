// Per source: how fresh its data is against its own rhythm. Stale sources, and sources quiet
// for the whole window, are tinted; quarantined counts open the quarantine for that source.
import { Card, Text, Title } from '@tremor/react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DataTable } from '../components/data-table/data-table.tsx';
import { useClientTable } from '../components/data-table/use-client-table.ts';
import { quarantineSearch } from './quarantine-link.ts';
import { sourceFreshnessColumns } from './source-freshness-columns.tsx';
import type { SourceFreshness } from './source-freshness.ts';

export function SourceFreshnessCard({ sources, more, stale }: { sources: readonly SourceFreshness[]; more: boolean; stale: boolean }) {
  const [params] = useSearchParams();
  const columns = useMemo(() => sourceFreshnessColumns((s) => `/quarantine${quarantineSearch(params, s.source)}`), [params]);
  const table = useClientTable(sources, columns, { defaultSort: { columnId: 'status', direction: 'asc' }, pageSize: 25 });
  return (
    <Card className="p-0" data-testid="source-freshness">
      <div className="px-4 pt-4">
        <Title>Source freshness</Title>
        <Text>
          A source is stale when it has been silent for more than twice its usual gap (at least 5 min; 1 h when it rarely sends).
          {more && ' Showing the stalest sources first; more exist.'}
        </Text>
      </div>
      <div className="mt-3">
        <DataTable
          caption="Source freshness"
          columns={columns}
          rows={table.visibleRows}
          rowKey={(s) => s.source}
          sort={table.sort}
          onSortChange={table.setSort}
          pager={table.pager}
          stale={stale}
          needsAttention={(s) => s.attention}
          testId="source-freshness-table"
        />
      </div>
    </Card>
  );
}
