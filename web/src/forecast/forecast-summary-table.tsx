// Accuracy over the window, per currency (all entities) and per entity and currency: forecast,
// actual and variance in the currency, WAPE, MAPE and bias as percentages — exact strings from
// the API, sortable and paged like every table.
import { DataTable } from '../components/data-table/data-table.tsx';
import type { TableColumn } from '../components/data-table/table-column.ts';
import { useClientTable } from '../components/data-table/use-client-table.ts';
import { decimalSortKey } from '../money/decimal-sort-key.ts';
import { formatMoney } from '../money/format-money.ts';
import { formatRatioPercent } from './format-ratio.ts';

export interface AccuracyRow {
  entity: string;
  currency: string;
  buckets: string;
  forecast: string;
  actual: string;
  variance: string;
  wape: string | null;
  mape: string | null;
  bias: string | null;
  /** The per-currency total over all entities. */
  total: boolean;
}

const money = (id: 'forecast' | 'actual' | 'variance', header: string): TableColumn<AccuracyRow> => ({
  id,
  header,
  align: 'right',
  cell: (row) => <span className="whitespace-nowrap">{formatMoney(row[id], row.currency)}</span>,
  sortValue: (row) => decimalSortKey(row[id]),
  firstDirection: 'desc',
});
const ratio = (id: 'wape' | 'mape' | 'bias', header: string): TableColumn<AccuracyRow> => ({
  id,
  header,
  align: 'right',
  cell: (row) => (
    <span data-testid={`forecast-${id}`} data-value={row[id] ?? ''}>
      {formatRatioPercent(row[id])}
    </span>
  ),
  sortValue: (row) => decimalSortKey(row[id]),
  firstDirection: 'desc',
});

const columns: TableColumn<AccuracyRow>[] = [
  { id: 'entity', header: 'Entity', cell: (row) => (row.total ? <strong>{row.entity}</strong> : row.entity), sortValue: (row) => (row.total ? '' : row.entity) },
  { id: 'currency', header: 'Currency', cell: (row) => row.currency, sortValue: (row) => row.currency },
  { id: 'buckets', header: 'Buckets', align: 'right', cell: (row) => row.buckets, sortValue: (row) => BigInt(row.buckets) },
  money('forecast', 'Forecast'),
  money('actual', 'Actual'),
  money('variance', 'Variance'),
  ratio('wape', 'WAPE'),
  ratio('mape', 'MAPE'),
  ratio('bias', 'Bias'),
];

export function ForecastSummaryTable({ rows }: { rows: readonly AccuracyRow[] }) {
  const table = useClientTable(rows, columns, { defaultSort: null, pageSize: 25 });
  return (
    <DataTable
      caption="Forecast accuracy per entity and currency"
      columns={columns}
      rows={table.visibleRows}
      rowKey={(row) => `${row.total ? '*' : row.entity}|${row.currency}`}
      sort={table.sort}
      onSortChange={table.setSort}
      pager={table.pager}
      testId="forecast-summary-table"
    />
  );
}
