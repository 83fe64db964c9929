// The columns of a metric's documents table: the document (linked to its timeline), entity,
// why it is listed, counterparty, amount in its currency, since and due (in the entity's time
// zone, zone shown) and one more detail.
import { Link } from 'react-router-dom';
import type { TableColumn } from '../components/data-table/table-column.ts';
import { formatWarehouseTime } from '../components/format-date-time.ts';
import { zoneOf, type EntityZones } from '../entities/entity-zones.ts';
import { decimalSortKey } from '../money/decimal-sort-key.ts';
import { formatMaybeMoney } from '../money/format-money.ts';
import type { MetricId } from './metric-catalog.ts';
import type { MetricDocument } from './metric-view.ts';

export const sortableDocumentColumns = ['document', 'entity', 'status', 'counterparty', 'amount', 'since', 'due'] as const;

/** What the two times mean where they are not "waiting since" and "due": a pair's later and earlier capture. */
const timeHeaders: Partial<Record<MetricId, { since: string; due: string }>> = {
  'duplicate-payment-risk': { since: 'Captured', due: 'First captured' },
};

export function metricDocumentColumns(zones: EntityZones, search: string, metric?: MetricId): TableColumn<MetricDocument>[] {
  const headers = (metric && timeHeaders[metric]) ?? { since: 'Waiting since', due: 'Due' };
  return [
    {
      id: 'document',
      header: 'Document',
      cell: (row) => (
        <Link
          to={{ pathname: row.timelineHref, search }}
          onClick={(event) => event.stopPropagation()}
          className="font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand"
          data-testid="document-link"
        >
          <span className="block max-w-[16rem] truncate 2xl:max-w-md" title={row.documentId}>{row.documentId}</span>
          <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{row.documentType.replace(/_/g, ' ')}</span>
        </Link>
      ),
      sortValue: (row) => row.documentId,
    },
    { id: 'entity', header: 'Entity', cell: (row) => row.entity, sortValue: (row) => row.entity },
    { id: 'status', header: 'Why listed', cell: (row) => row.status, sortValue: (row) => row.status },
    {
      id: 'counterparty',
      header: 'Counterparty',
      cell: (row) => <span className="block max-w-[14rem] truncate 2xl:max-w-sm" title={row.counterparty}>{row.counterparty}</span>,
      sortValue: (row) => row.counterparty,
      className: 'hidden lg:table-cell',
    },
    {
      id: 'amount',
      header: 'Amount',
      align: 'right',
      cell: (row) => (
        <span data-testid="document-amount" data-amount={row.amount ?? ''} data-currency={row.currency} className="whitespace-nowrap">
          {formatMaybeMoney(row.amount, row.currency)}
        </span>
      ),
      sortValue: (row) => decimalSortKey(row.amount),
      firstDirection: 'desc',
    },
    {
      id: 'since',
      header: headers.since,
      cell: (row) => <span className="whitespace-nowrap">{formatWarehouseTime(row.since, { timeZone: zoneOf(zones, row.entity) })}</span>,
      sortValue: (row) => row.since,
    },
    {
      id: 'due',
      header: headers.due,
      cell: (row) => <span className="whitespace-nowrap">{formatWarehouseTime(row.dueAt, { timeZone: zoneOf(zones, row.entity) })}</span>,
      sortValue: (row) => row.dueAt,
      className: 'hidden xl:table-cell',
    },
    { id: 'detail', header: 'Detail', cell: (row) => row.detail, className: 'hidden 2xl:table-cell' },
  ];
}
