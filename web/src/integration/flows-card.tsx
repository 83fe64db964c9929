// Per integration flow over the window: throughput, errors, latency and freshness. Flows with
// errors or gone stale are tinted and sort first by default, so a broken feed stands out.
import { Card, Text, Title } from '@tremor/react';
import { useMemo } from 'react';
import { DataTable } from '../components/data-table/data-table.tsx';
import { useClientTable } from '../components/data-table/use-client-table.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { flowColumns } from './flow-columns.tsx';
import { formatErrorRate, type FlowHealth } from './flow-health.ts';
import type { IntegrationMetricsView } from './integration-metrics-view.ts';

export function FlowsCard({ flows, totals, stale }: { flows: readonly FlowHealth[]; totals: IntegrationMetricsView['totals']; stale: boolean }) {
  const columns = useMemo(() => flowColumns(), []);
  const table = useClientTable(flows, columns, { defaultSort: { columnId: 'errors', direction: 'desc' }, pageSize: 25 });
  const attention = flows.filter((f) => f.attention).length;
  return (
    <Card className="p-0" data-testid="integration-flows">
      <div className="px-4 pt-4">
        <Title>Flows</Title>
        <Text data-testid="flow-totals">
          {totals.flows} {totals.flows === 1 ? 'flow' : 'flows'}, {totals.messages.toLocaleString()} messages, {totals.errors.toLocaleString()} errors ({formatErrorRate(totals.errorRate)})
          {attention > 0 && <span className="font-medium text-rose-700 dark:text-rose-400"> · {attention} need attention</span>}
        </Text>
      </div>
      <div className="mt-3">
        {flows.length === 0 ? (
          <EmptyState title="No integration flows in this window">Flows appear once middleware sends traces with a flow attribute or integration.message events.</EmptyState>
        ) : (
          <DataTable
            caption="Integration flows"
            columns={columns}
            rows={table.visibleRows}
            rowKey={(f) => f.flow}
            sort={table.sort}
            onSortChange={table.setSort}
            pager={table.pager}
            stale={stale}
            needsAttention={(f) => f.attention}
            testId="flows-table"
          />
        )}
      </div>
    </Card>
  );
}
