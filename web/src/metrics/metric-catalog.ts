// The metrics that have a drilldown list: their URL slug, title and one line on what they
// count. The overview's KPI cards and the entity page link to these lists.

export const metricIds = ['stuck-documents', 'unmatched-payments', 'delayed-confirmations', 'duplicate-payment-risk', 'receivables-misalignment'] as const;
export type MetricId = (typeof metricIds)[number];

export interface MetricInfo {
  id: MetricId;
  title: string;
  description: string;
  /** What one row is, for counts ("12 documents"). */
  noun: { one: string; many: string };
  /** Said when the metric is empty with no filter: why that is good news. */
  emptyText: string;
}

export const metricCatalog: Record<MetricId, MetricInfo> = {
  'stuck-documents': {
    id: 'stuck-documents',
    title: 'Stuck documents',
    description: 'Documents that have stayed in one stage longer than its SLA allows, most overdue first.',
    noun: { one: 'document', many: 'documents' },
    emptyText: 'Every open document is within its stage’s SLA.',
  },
  'unmatched-payments': {
    id: 'unmatched-payments',
    title: 'Unmatched payments',
    description: 'Bank entries with no ERP match, payments not settled past the confirmation SLA, receipts not applied in time.',
    noun: { one: 'item', many: 'items' },
    emptyText: 'Every bank entry, payment and receipt is matched within its window.',
  },
  'delayed-confirmations': {
    id: 'delayed-confirmations',
    title: 'Delayed bank confirmations',
    description: 'Sent payments still without a bank status past the confirmation SLA, and rejected or returned payments.',
    noun: { one: 'payment', many: 'payments' },
    emptyText: 'Every sent payment has its bank status within the SLA.',
  },
  'duplicate-payment-risk': {
    id: 'duplicate-payment-risk',
    title: 'Duplicate payment risk',
    description: 'Pairs of supplier invoices from the same supplier with the same amount and near-identical references, unpaid pairs first.',
    noun: { one: 'pair', many: 'pairs' },
    emptyText: 'No two open supplier invoices look like duplicates.',
  },
  'receivables-misalignment': {
    id: 'receivables-misalignment',
    title: 'Receivables misalignment',
    description: 'Customers whose payment promises exceed what they owe, and promises broken past their date.',
    noun: { one: 'finding', many: 'findings' },
    emptyText: 'Every payment promise matches open receivables and was kept.',
  },
};

export function isMetricId(value: string | undefined): value is MetricId {
  return value !== undefined && (metricIds as readonly string[]).includes(value);
}

export function metricPath(id: MetricId): string {
  return `/metrics/${id}`;
}
