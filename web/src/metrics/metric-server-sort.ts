// Which metric lists the server sorts, and by what: per metric, the procedure's `orderBy`
// column behind each sortable table column. A metric whose procedure accepts no orderBy has
// an empty map (its type allows nothing else) and the page sorts only the rows it shows.
// When such a procedure gains orderBy, filling its map here is all the page needs.
import type { ApiInputs } from '../lib/trpc.ts';
import type { SortState } from '../components/data-table/table-sort.ts';
import type { MetricId } from './metric-catalog.ts';
import type { sortableDocumentColumns } from './metric-document-columns.tsx';

type MetricInputs = ApiInputs['metrics'];
export type SortableDocumentColumn = (typeof sortableDocumentColumns)[number];

export const metricProcedure = {
  'stuck-documents': 'stuckDocuments',
  'unmatched-payments': 'unmatchedPayments',
  'delayed-confirmations': 'delayedConfirmations',
  'duplicate-payment-risk': 'duplicatePaymentRisk',
  'receivables-misalignment': 'receivablesMisalignment',
} as const satisfies Record<MetricId, keyof MetricInputs>;

/** The orderBy values a metric's procedure accepts (never when it accepts none). */
export type OrderByOf<M extends MetricId> = MetricInputs[(typeof metricProcedure)[M]] extends { orderBy?: infer O } ? Exclude<O, undefined> : never;

export const serverSortColumns: { [M in MetricId]: Partial<Record<SortableDocumentColumn, OrderByOf<M>>> } = {
  'stuck-documents': { document: 'document', entity: 'entity', status: 'stage', counterparty: 'counterparty', amount: 'amount', since: 'since', due: 'due' },
  'delayed-confirmations': { document: 'document', entity: 'entity', status: 'status', counterparty: 'counterparty', amount: 'amount', since: 'sent', due: 'due' },
  'unmatched-payments': { document: 'document', entity: 'entity', status: 'kind', counterparty: 'counterparty', amount: 'amount', since: 'since', due: 'due' },
  'duplicate-payment-risk': { document: 'invoice', entity: 'entity', status: 'status', counterparty: 'counterparty', amount: 'amount', since: 'captured', due: 'first_captured' },
  'receivables-misalignment': { entity: 'entity', status: 'kind', counterparty: 'counterparty', amount: 'amount', since: 'promised_date', due: 'promised_date' },
};

export interface ServerSort {
  orderBy: string;
  direction: 'asc' | 'desc';
}

/** True when the metric's list is sorted by the server across all pages. */
export function sortsOnServer(metric: MetricId): boolean {
  return Object.keys(serverSortColumns[metric]).length > 0;
}

/** The table columns a metric's list can sort by: the server's when it sorts, else every sortable column. */
export function sortableColumnsOf(metric: MetricId, all: readonly SortableDocumentColumn[]): SortableDocumentColumn[] {
  const server = serverSortColumns[metric] as Partial<Record<SortableDocumentColumn, string>>;
  return sortsOnServer(metric) ? all.filter((c) => server[c] !== undefined) : [...all];
}

/** The request's orderBy/direction for a table sort, or null when the server does not sort this metric or column. */
export function serverSortOf(metric: MetricId, sort: SortState | null): ServerSort | null {
  if (sort === null) return null;
  const orderBy = (serverSortColumns[metric] as Partial<Record<string, string>>)[sort.columnId];
  return orderBy === undefined ? null : { orderBy, direction: sort.direction };
}
