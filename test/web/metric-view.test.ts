// The metric answers → list page mapping: totals per currency summed exactly, breakdown rows,
// document rows that link to their timeline, and the URL state → procedure input.
import { describe, expect, it } from 'vitest';
import { serverPageLabel } from '../../web/src/components/data-table/server-page-label.ts';
import { metricListHref, parseMetricListParams, toMetricListInput } from '../../web/src/metrics/metric-list-params.ts';
import { fromDelayedConfirmations, fromStuckDocuments, fromUnmatchedPayments } from '../../web/src/metrics/metric-view.ts';
import { toMoneyTotals } from '../../web/src/metrics/money-totals.ts';

const stuckRow = {
  entity: 'DE01', document_type: 'supplier_invoice', document_id: 'INV/2026 7', stage: 'finance.invoice.approved',
  stage_entered_at: '2026-11-20 08:00:00.000', amount: '1234.5600', currency: 'EUR', counterparty_id: 'S1', counterparty_name: 'Acme GmbH',
  sla: '1 business_days', due_at: '2026-11-21 08:00:00.000', hours_past_due: '120.5',
};

describe('fromStuckDocuments', () => {
  const view = fromStuckDocuments({
    totals: [{ currency: 'EUR', documents: '2', amount: '1334.5600' }, { currency: 'JPY', documents: '3', amount: '5000' }],
    byStage: [{ document_type: 'supplier_invoice', stage: 'finance.invoice.approved', currency: 'EUR', documents: '2', amount: '1334.5600' }],
    byLateness: [{ bucket: '3–7 days', documents: '5' }],
    documents: { rows: [stuckRow], hasMore: true },
  });

  it('orders totals by count and formats each in its currency', () => {
    expect(view.totals.map((t) => [t.currency, t.amountLabel, t.count])).toEqual([['JPY', '¥5,000', '3'], ['EUR', '€1,334.56', '2']]);
  });

  it('maps the breakdowns, with no money for the lateness buckets', () => {
    expect(view.breakdowns[0]!.rows[0]).toEqual({ label: 'supplier invoice · approved', currency: 'EUR', count: '2', amount: '1334.5600' });
    expect(view.breakdowns[1]!.rows[0]).toEqual({ label: '3–7 days', currency: null, count: '5', amount: null });
  });

  it('links each document to its timeline with every part encoded', () => {
    expect(view.documents[0]).toMatchObject({ entity: 'DE01', documentId: 'INV/2026 7', amount: '1234.5600', counterparty: 'Acme GmbH', since: '2026-11-20 08:00:00.000' });
    expect(view.documents[0]!.timelineHref).toBe('/documents/DE01/supplier_invoice/INV%2F2026%207');
    expect(view.hasMore).toBe(true);
  });
});

describe('fromUnmatchedPayments and fromDelayedConfirmations', () => {
  it('label the kind and fall back to the counterparty id', () => {
    const view = fromUnmatchedPayments({
      totals: [], byKind: [], byEntity: [], matchesByRule: [],
      documents: { rows: [{ kind: 'bank_entry_unmatched', entity: 'US01', document_type: 'bank_entry', document_id: 'B1', currency: 'USD', amount: '-20.00', counterparty_id: 'C9', counterparty_name: '', since: '2026-11-01 00:00:00.000', due_at: '2026-11-02 00:00:00.000', difference: '' }], hasMore: false },
    });
    expect(view.documents[0]).toMatchObject({ status: 'bank entry unmatched', counterparty: 'C9', timelineHref: '/documents/US01/bank_entry/B1' });
  });

  it('treat every confirmation row as a payment', () => {
    const view = fromDelayedConfirmations({
      totals: [{ currency: 'EUR', payments: '1', amount: '10.00' }], byEntityBank: [], byReason: [],
      documents: { rows: [{ status: 'rejected', entity: 'DE01', document_id: 'P7', amount: '10.00', currency: 'EUR', counterparty_id: 'S', counterparty_name: 'Sup', bank: 'ING', reason_code: 'AC04', sent_at: '2026-11-01 00:00:00.000', due_at: '2026-11-02 00:00:00.000' }], hasMore: false },
    });
    expect(view.totals[0]).toMatchObject({ count: '1', amountLabel: '€10.00' });
    expect(view.documents[0]).toMatchObject({ documentType: 'payment', detail: 'ING · AC04', timelineHref: '/documents/DE01/payment/P7' });
  });
});

describe('toMoneyTotals', () => {
  it('sums rows of one currency exactly', () => {
    const [eur] = toMoneyTotals([{ currency: 'EUR', amount: '0.1', count: '1' }, { currency: 'EUR', amount: '0.2', count: '2' }]);
    expect(eur).toMatchObject({ amount: '0.3', count: '3', amountLabel: '€0.30' });
  });
});

describe('metric list URL state', () => {
  it('takes limit/offset from the URL only when valid and builds the input', () => {
    const params = parseMetricListParams({ entity: 'DE01', currency: undefined }, { limit: '50', offset: '100', counterparty: 'Acme' });
    expect(toMetricListInput(params)).toEqual({ entities: ['DE01'], counterparty: 'Acme', limit: 50, offset: 100 });
    expect(toMetricListInput(params, { orderBy: 'amount', direction: 'desc' })).toEqual({ entities: ['DE01'], counterparty: 'Acme', limit: 50, offset: 100, orderBy: 'amount', direction: 'desc' });
    expect(parseMetricListParams({}, { limit: '7', offset: '-3' })).toMatchObject({ limit: 25, offset: 0 });
    expect(parseMetricListParams({}, { offset: "0' OR 1=1 --" })).toMatchObject({ offset: 0 });
  });

  it('links to a list filtered by entity and currency', () => {
    expect(metricListHref('/metrics/stuck-documents', { entity: 'DE01', currency: 'EUR' })).toBe('/metrics/stuck-documents?entity=DE01&currency=EUR');
    expect(metricListHref('/metrics/stuck-documents', {})).toBe('/metrics/stuck-documents');
  });

  it('labels a page whose total is unknown', () => {
    expect(serverPageLabel(25, 25, true)).toBe('26–50, more follow');
    expect(serverPageLabel(25, 3, false)).toBe('26–28 of 28');
    expect(serverPageLabel(0, 0, false)).toBe('No rows');
  });
});
