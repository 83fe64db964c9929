// Per ingest instance: whether it keeps up — unflushed spool, lag, flush latency — and whether
// it still reports.
import { Badge, Card, Text, Title } from '@tremor/react';
import { DataTable } from '../components/data-table/data-table.tsx';
import type { TableColumn } from '../components/data-table/table-column.ts';
import { useClientTable } from '../components/data-table/use-client-table.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { formatDuration } from '../components/format-duration.ts';
import { SILENT_INSTANCE_AFTER_MS } from './feed-staleness.ts';
import type { IngestInstance } from './ingest-instances.ts';

const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

const columns: readonly TableColumn<IngestInstance>[] = [
  {
    id: 'instance',
    header: 'Instance',
    sortValue: (i) => i.instance,
    cell: (i) => (
      <span className="flex items-center gap-2">
        <span className="font-mono">{i.instance}</span>
        {i.silent && (
          <Badge size="xs" color="red" title={`No metrics reported for more than ${formatDuration(SILENT_INSTANCE_AFTER_MS)}`}>
            not reporting
          </Badge>
        )}
      </span>
    ),
  },
  { id: 'spool', header: 'Spool', align: 'right', firstDirection: 'desc', sortValue: (i) => i.spoolBytes, cell: (i) => <span title={`${i.spoolBytes} bytes not yet in ClickHouse`}>{i.spoolLabel}</span> },
  { id: 'lag', header: 'Lag', align: 'right', firstDirection: 'desc', sortValue: (i) => i.lagMs, cell: (i) => i.lagLabel },
  { id: 'flushAvg', header: 'Flush avg', align: 'right', firstDirection: 'desc', sortValue: (i) => i.flushAvgMs, cell: (i) => i.flushAvgLabel },
  { id: 'flushMax', header: 'Flush max', align: 'right', firstDirection: 'desc', sortValue: (i) => i.flushMaxMs, cell: (i) => i.flushMaxLabel },
  {
    id: 'lastReport',
    header: 'Last report',
    firstDirection: 'desc',
    sortValue: (i) => i.lastReportMs,
    className: 'whitespace-nowrap',
    cell: (i) => (
      <>
        {i.lastReportLabel}
        {i.ageLabel && <span className={`block ${muted}`}>{i.ageLabel}</span>}
      </>
    ),
  },
];

export function IngestInstancesCard({ instances, stale }: { instances: readonly IngestInstance[]; stale: boolean }) {
  const table = useClientTable(instances, columns, { defaultSort: { columnId: 'instance', direction: 'asc' }, pageSize: 10 });
  return (
    <Card className="p-0" data-testid="ingest-instances">
      <div className="px-4 pt-4">
        <Title>Ingest instances</Title>
        <Text>Spool is what is on disk but not yet in ClickHouse; lag is how far behind the oldest unflushed record is.</Text>
      </div>
      <div className="mt-3">
        {instances.length === 0 ? (
          <EmptyState title="No ingest instance reported in this window">Instances report their spool, lag and flush latency every 10 seconds while running.</EmptyState>
        ) : (
          <DataTable caption="Ingest instances" columns={columns} rows={table.visibleRows} rowKey={(i) => i.instance} sort={table.sort} onSortChange={table.setSort} pager={instances.length > 10 ? table.pager : undefined} stale={stale} testId="instances-table" />
        )}
      </div>
    </Card>
  );
}
