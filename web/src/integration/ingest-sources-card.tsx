// Per source: what it sent in the window and how ingest fared with it, stale feeds flagged.
import { Card, Text, Title } from '@tremor/react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DataTable } from '../components/data-table/data-table.tsx';
import { useClientTable } from '../components/data-table/use-client-table.ts';
import { ingestSourceColumns } from './ingest-source-columns.tsx';
import type { IngestSource } from './ingest-sources.ts';
import { quarantineSearch } from './quarantine-link.ts';

export function IngestSourcesCard({ sources, stale }: { sources: readonly IngestSource[]; stale: boolean }) {
  const [params] = useSearchParams();
  const columns = useMemo(() => ingestSourceColumns((s) => `/quarantine${quarantineSearch(params, s.source)}`), [params]);
  const table = useClientTable(sources, columns, { defaultSort: { columnId: 'source', direction: 'asc' }, pageSize: 25 });
  return (
    <Card className="p-0" data-testid="ingest-sources">
      <div className="px-4 pt-4">
        <Title>Sources</Title>
        <Text>Records each source sent, by how ingest took them. Rejected records are in the quarantine.</Text>
      </div>
      <div className="mt-3">
        <DataTable caption="Ingest by source" columns={columns} rows={table.visibleRows} rowKey={(s) => s.source} sort={table.sort} onSortChange={table.setSort} pager={table.pager} stale={stale} testId="sources-table" />
      </div>
    </Card>
  );
}
