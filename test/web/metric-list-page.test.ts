// @vitest-environment happy-dom
// The metric drilldown page through the real tRPC client, React Query and router, with the
// server faked at the HTTP boundary: totals and rows as answered, limit/offset from the URL
// sent to the server, rows linking to their timeline, errors never shown as empty, and an
// empty answer explained. Sorting: a metric whose procedure takes orderBy gets the URL's sort
// sent (back to the first page) and its rows shown in the server's order; any other metric
// sorts the rows of the page and sends no sort.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import MetricListPage from '../../web/src/metrics/metric-list-page.tsx';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPage(url: string, handlers: Record<string, Handler>) {
  const fake = fakeTrpcFetch(handlers);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createApiClient('http://dashboard.test/trpc', fake.fetch);
  const router = createMemoryRouter(
    [
      { path: '/metrics/:metric', element: h(MetricListPage) },
      { path: '/documents/:entity/:documentType/:documentId', element: h('p', { 'data-testid': 'timeline-stub' }, 'timeline') },
    ],
    { initialEntries: [url], future: routerFuture },
  );
  rendered = renderIntoDom(
    h(QueryClientProvider, { client: queryClient, children: h(TRPCProvider, { trpcClient, queryClient, children: h(RouterProvider, { router, future: { v7_startTransition: true } }) }) }),
  );
  return { dom: rendered.container, calls: fake.calls, router };
}

const find = (dom: HTMLElement, testId: string) => dom.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

const answer = {
  totals: [{ currency: 'EUR', documents: '26', amount: '1234567.891' }],
  byStage: [{ document_type: 'supplier_invoice', stage: 'finance.invoice.approved', currency: 'EUR', documents: '26', amount: '1234567.891' }],
  byLateness: [{ bucket: 'over 7 days', documents: '26' }],
  documents: {
    rows: [
      { entity: 'DE01', document_type: 'supplier_invoice', document_id: 'INV-1', stage: 'finance.invoice.approved', stage_entered_at: '2026-11-20 08:00:00.000', amount: '1000.5', currency: 'EUR', counterparty_id: 'S1', counterparty_name: 'Acme', sla: '1 business_days', due_at: '2026-11-21 08:00:00.000', hours_past_due: '100' },
    ],
    hasMore: true,
  },
};

describe('MetricListPage', () => {
  it('shows totals and rows as answered, and sends the URL’s filters and paging to the server', async () => {
    const { dom, calls } = renderPage('/metrics/stuck-documents?entity=DE01&limit=10&offset=20', { 'metrics.stuckDocuments': () => ({ data: answer }) });
    await settle(() => dom.querySelector('tbody tr[data-row-key]') !== null);
    expect(calls.find((c) => c.path === 'metrics.stuckDocuments')?.input).toEqual({ entities: ['DE01'], limit: 10, offset: 20 });
    expect(find(dom, 'metric-total')!.textContent).toContain('€1,234,567.89');
    expect(find(dom, 'document-amount')!.textContent).toBe('€1,000.50');
    expect(find(dom, 'page-range')!.textContent).toBe('21–21, more follow');
    expect(dom.textContent).toContain('20 Nov 2026, 08:00 UTC');
  });

  it('says when payment matching is still catching up, and not otherwise', async () => {
    const unmatched = { totals: [], byKind: [], byEntity: [], matchesByRule: [], documents: { rows: [], hasMore: false } };
    const behind = renderPage('/metrics/unmatched-payments', {
      'metrics.unmatchedPayments': () => ({ data: { ...unmatched, matchingBehind: { matchedThrough: '2026-11-26 09:15:02.000' } } }),
    });
    await settle(() => find(behind.dom, 'metric-notice') !== null);
    expect(find(behind.dom, 'metric-notice')!.textContent).toContain('matches are complete for what arrived up to 2026-11-26 09:15:02.000 UTC');
    // an empty list then is not "none": the notice stands above it
    expect(behind.dom.textContent).toContain('No unmatched payments right now');
    rendered?.unmount();

    const current = renderPage('/metrics/unmatched-payments', { 'metrics.unmatchedPayments': () => ({ data: unmatched }) });
    await settle(() => (current.dom.textContent ?? '').includes('No unmatched payments right now'));
    expect(find(current.dom, 'metric-notice')).toBeNull();
  });

  it('opens a row’s timeline with Enter, keeping the global filters', async () => {
    const { dom, router } = renderPage('/metrics/stuck-documents?entity=DE01', { 'metrics.stuckDocuments': () => ({ data: answer }) });
    await settle(() => dom.querySelector('tbody tr[data-row-key]') !== null);
    const row = dom.querySelector<HTMLElement>('tbody tr[data-row-key]')!;
    act(() => row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await settle(() => find(dom, 'timeline-stub') !== null);
    expect(router.state.location.pathname).toBe('/documents/DE01/supplier_invoice/INV-1');
    expect(router.state.location.search).toBe('?entity=DE01');
  });

  it('pages through offset in the URL', async () => {
    const { dom, router, calls } = renderPage('/metrics/stuck-documents', { 'metrics.stuckDocuments': () => ({ data: answer }) });
    await settle(() => dom.querySelector('tbody tr[data-row-key]') !== null);
    act(() => dom.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')!.click());
    expect(new URLSearchParams(router.state.location.search).get('offset')).toBe('25');
    await settle(() => calls.some((c) => (c.input as { offset?: number }).offset === 25));
  });

  it('shows a failed load as an error, never as an empty list', async () => {
    const { dom } = renderPage('/metrics/unmatched-payments', { 'metrics.unmatchedPayments': () => ({ status: 500, error: 'ClickHouse is unreachable' }) });
    await settle(() => find(dom, 'error-notice') !== null);
    expect(dom.textContent).toContain('ClickHouse is unreachable');
    expect(find(dom, 'data-empty')).toBeNull();
  });

  it('explains an empty answer, and offers to clear filters when some are set', async () => {
    const empty = { totals: [], byEntityBank: [], byReason: [], documents: { rows: [], hasMore: false } };
    const { dom, router } = renderPage('/metrics/delayed-confirmations?entity=ZZ99', { 'metrics.delayedConfirmations': () => ({ data: empty }) });
    await settle(() => find(dom, 'data-empty') !== null);
    expect(dom.textContent).toContain('No payments match the filters');
    act(() => find(dom, 'clear-filters')!.click());
    expect(router.state.location.search).toBe('');
  });

  it('sends the sort to the server when the procedure sorts, and goes back to the first page on a new sort', async () => {
    const unmatched = (rows: [string, string][]) => ({
      totals: [{ currency: 'EUR', documents: '3', amount: '600' }], byKind: [], byEntity: [], matchesByRule: [],
      documents: {
        rows: rows.map(([id, amount]) => ({ kind: 'bank_entry_unmatched', entity: 'DE01', document_type: 'bank_entry', document_id: id, currency: 'EUR', amount, counterparty_id: '', counterparty_name: 'Payer', since: '2026-11-20 08:00:00.000', due_at: '2026-11-20 08:00:00.000', difference: '' })),
        hasMore: true,
      },
    });
    // the server's order is kept as is, even when it is not the page's own order for the column
    const handler: Handler = (input) => ({ data: unmatched((input as { direction?: string }).direction === 'asc' ? [['BE-1', '100'], ['BE-3', '50']] : [['BE-2', '300'], ['BE-1', '100'], ['BE-9', '900']]) });
    const { dom, router, calls } = renderPage('/metrics/unmatched-payments?sort=amount:desc&offset=50', { 'metrics.unmatchedPayments': handler });
    await settle(() => dom.querySelector('tbody tr[data-row-key]') !== null);
    const asked = () => calls.filter((c) => c.path === 'metrics.unmatchedPayments').at(-1)?.input;
    expect(asked()).toEqual({ limit: 25, offset: 50, orderBy: 'amount', direction: 'desc' });
    expect([...dom.querySelectorAll('[data-testid="document-amount"]')].map((e) => e.getAttribute('data-amount'))).toEqual(['300', '100', '900']);
    expect(find(dom, 'sort-scope')!.textContent).toContain('server sorts the whole list');
    act(() => dom.querySelector<HTMLButtonElement>('[data-testid="sort-amount"]')!.click());
    const search = new URLSearchParams(router.state.location.search);
    expect(search.get('sort')).toBe('amount:asc');
    expect(search.get('offset')).toBeNull();
    await settle(() => calls.some((c) => (c.input as { direction?: string }).direction === 'asc'));
    expect(asked()).toEqual({ limit: 25, offset: 0, orderBy: 'amount', direction: 'asc' });
    // a column the server cannot sort by offers no sorting
    expect(dom.querySelector('[data-testid="sort-detail"]')).toBeNull();
  });

  it('maps the table column to the procedure’s own column name', async () => {
    const empty = { totals: [], byEntity: [], byAging: [], documents: { rows: [], hasMore: false } };
    const { calls } = renderPage('/metrics/receivables-misalignment?sort=due:asc', { 'metrics.receivablesMisalignment': () => ({ data: empty }) });
    await settle(() => calls.some((c) => c.path === 'metrics.receivablesMisalignment'));
    expect(calls.find((c) => c.path === 'metrics.receivablesMisalignment')?.input).toEqual({ limit: 25, offset: 0, orderBy: 'promised_date', direction: 'asc' });
  });

  it('asks the server for stuck documents in the chosen order and shows them as they come', async () => {
    const two = { ...answer, documents: { rows: [answer.documents.rows[0], { ...answer.documents.rows[0], document_id: 'INV-2', amount: '5000' }], hasMore: false } };
    const { dom, calls } = renderPage('/metrics/stuck-documents?sort=amount:desc', { 'metrics.stuckDocuments': () => ({ data: two }) });
    await settle(() => dom.querySelector('tbody tr[data-row-key]') !== null);
    expect(calls.find((c) => c.path === 'metrics.stuckDocuments')?.input).toEqual({ limit: 25, offset: 0, orderBy: 'amount', direction: 'desc' });
    // the server's order is kept: the page does not re-sort what it received
    expect([...dom.querySelectorAll('[data-testid="document-amount"]')].map((e) => e.getAttribute('data-amount'))).toEqual(['1000.5', '5000']);
  });

  it('says an unknown metric is not a page', async () => {
    const { dom, calls } = renderPage('/metrics/nonsense', {});
    await settle(() => dom.textContent!.includes('Page not found'));
    expect(calls).toEqual([]);
  });
});
