// Which metric lists the server sorts: a table sort becomes the procedure's orderBy/direction
// only for a metric whose procedure takes a sort and a column it can sort by; other metrics
// keep every column sortable on the page and send nothing.
import { describe, expect, it } from 'vitest';
import { sortableDocumentColumns } from '../../web/src/metrics/metric-document-columns.tsx';
import { serverSortOf, sortableColumnsOf, sortsOnServer } from '../../web/src/metrics/metric-server-sort.ts';

describe('metric server sort', () => {
  it('maps table columns to each procedure’s orderBy', () => {
    expect(serverSortOf('unmatched-payments', { columnId: 'amount', direction: 'desc' })).toEqual({ orderBy: 'amount', direction: 'desc' });
    expect(serverSortOf('unmatched-payments', { columnId: 'status', direction: 'asc' })).toEqual({ orderBy: 'kind', direction: 'asc' });
    expect(serverSortOf('duplicate-payment-risk', { columnId: 'since', direction: 'asc' })).toEqual({ orderBy: 'captured', direction: 'asc' });
    expect(serverSortOf('receivables-misalignment', { columnId: 'document', direction: 'asc' })).toBeNull();
    expect(serverSortOf('unmatched-payments', null)).toBeNull();
  });

  it('maps the table columns of stuck documents and delayed confirmations to their procedures\' columns', () => {
    expect(sortsOnServer('stuck-documents')).toBe(true);
    expect(sortsOnServer('delayed-confirmations')).toBe(true);
    expect(serverSortOf('stuck-documents', { columnId: 'status', direction: 'desc' })).toEqual({ orderBy: 'stage', direction: 'desc' });
    expect(serverSortOf('delayed-confirmations', { columnId: 'since', direction: 'asc' })).toEqual({ orderBy: 'sent', direction: 'asc' });
    expect(sortableColumnsOf('stuck-documents', sortableDocumentColumns)).toEqual([...sortableDocumentColumns]);
    expect(sortableColumnsOf('receivables-misalignment', sortableDocumentColumns)).toEqual(['entity', 'status', 'counterparty', 'amount', 'since', 'due']);
  });
});
