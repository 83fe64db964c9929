// @vitest-environment happy-dom
// The overview through the real client with the server faked: close risk ranked with each
// component linking to its list, KPI cards whose figures link to their lists with a trend
// against a day ago, the 'overview:data' mark for the benchmark, and a failed close-risk load
// shown as an error while the other cards keep their figures.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import OverviewPage from '../../web/src/overview/overview-page.tsx';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };
const page = { rows: [], hasMore: false };
const component = (name: string, label: string, money: string | null, contribution: number) => ({ component: name, label, money_at_risk: money, documents: 3, contribution, detail: { text: '' } });

// Stuck documents now: 7 EUR + 2 USD = 9; a day ago (asOf set): 12 → trend −3.
const handlers: Record<string, Handler> = {
  'events.countsByType': () => ({ data: [{ type: 'finance.invoice.received', events: '5' }] }),
  'metrics.stuckDocuments': (input) => ({
    data: (input as { asOf?: string }).asOf
      ? { totals: [{ currency: 'EUR', documents: '12', amount: '1.00' }], byStage: [], byLateness: [], documents: page }
      : { totals: [{ currency: 'EUR', documents: '7', amount: '1234567.891' }, { currency: 'USD', documents: '2', amount: '10' }], byStage: [], byLateness: [], documents: page },
  }),
  'metrics.unmatchedPayments': () => ({ data: { totals: [], byKind: [], byEntity: [], matchesByRule: [], documents: page } }),
  'metrics.delayedConfirmations': () => ({ data: { totals: [], byEntityBank: [], byReason: [], documents: page } }),
  'metrics.duplicatePaymentRisk': () => ({ data: { totals: [], byEntity: [], byStatus: [], documents: page } }),
  'metrics.receivablesMisalignment': () => ({ data: { totals: [], byEntity: [], byAging: [], documents: page } }),
  'metrics.closeRisk': () => ({
    data: {
      period: '2026-11', reporting_currency: 'EUR', formula: '',
      entities: [
        { entity: 'GB01', name: 'GB Ltd', time_zone: 'Europe/London', period_end: '2026-11-30', deadline: '2026-12-07', working_days_left: 7, past_deadline: false, score: 20, level: 'low', missing_rates: [], explanation: '', components: [component('stuck_documents', 'Stuck documents', '500', 20)] },
        { entity: 'DE01', name: 'DE GmbH', time_zone: 'Europe/Berlin', period_end: '2026-11-30', deadline: '2026-12-07', working_days_left: 7, past_deadline: false, score: 80, level: 'high', missing_rates: [], explanation: '', components: [component('unmatched_payments', 'Unmatched payments', '9000.5', 50), component('stuck_documents', 'Stuck documents', '100', 30)] },
      ],
    },
  }),
};

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPage(url: string, overrides: Record<string, Handler> = {}) {
  const fake = fakeTrpcFetch({ ...handlers, ...overrides });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createApiClient('http://dashboard.test/trpc', fake.fetch);
  const router = createMemoryRouter([{ path: '/', element: h(OverviewPage) }], { initialEntries: [url], future: routerFuture });
  rendered = renderIntoDom(h(QueryClientProvider, { client: queryClient, children: h(TRPCProvider, { trpcClient, queryClient, children: h(RouterProvider, { router, future: { v7_startTransition: true } }) }) }));
  return { dom: rendered.container, calls: fake.calls };
}

const all = (dom: HTMLElement, testId: string) => [...dom.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];

describe('OverviewPage', () => {
  it('ranks entities by close risk and links every component and figure to the list behind it', async () => {
    const { dom } = renderPage('/');
    await settle(() => all(dom, 'close-risk-row').length === 2 && all(dom, 'kpi-trend').length === 5);
    expect(all(dom, 'close-risk-row').map((r) => r.dataset.entity)).toEqual(['DE01', 'GB01']);
    const links = all(dom, 'close-risk-row')[0]!.querySelectorAll('[data-testid="close-risk-component"] a');
    expect([...links].map((a) => a.getAttribute('href'))).toEqual(['/metrics/unmatched-payments?entity=DE01', '/metrics/stuck-documents?entity=DE01']);
    expect(all(dom, 'top-risk').map((r) => r.dataset.money)).toEqual(['9000.5', '500', '100']);

    const stuck = dom.querySelector<HTMLElement>('[data-testid="kpi-card"][data-metric="stuck-documents"]')!;
    expect(stuck.dataset.count).toBe('9');
    expect(stuck.querySelector('[data-testid="kpi-count"]')!.getAttribute('href')).toBe('/metrics/stuck-documents');
    expect([...stuck.querySelectorAll('[data-testid="kpi-amount"]')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['€1,234,567.89', '/metrics/stuck-documents?currency=EUR'],
      ['$10.00', '/metrics/stuck-documents?currency=USD'],
    ]);
    expect(stuck.querySelector('[data-testid="kpi-trend"]')!.textContent).toBe('−3 vs a day ago');
    expect(performance.getEntriesByName('overview:data', 'mark')).toHaveLength(1);
  });

  it('asks for one entity when the global filter names one', async () => {
    const { dom, calls } = renderPage('/?entity=DE01');
    await settle(() => all(dom, 'close-risk-row').length > 0);
    expect(calls.find((c) => c.path === 'metrics.closeRisk')?.input).toEqual({ entities: ['DE01'] });
    expect(calls.find((c) => c.path === 'metrics.stuckDocuments')?.input).toEqual({ entities: ['DE01'], limit: 1, offset: 0 });
  });

  it('shows a failed close-risk load as an error while the KPI cards keep their figures', async () => {
    const { dom } = renderPage('/', { 'metrics.closeRisk': () => ({ status: 500, error: 'close risk timed out' }) });
    await settle(() => all(dom, 'error-notice').length > 0 && all(dom, 'kpi-count').length === 5);
    expect(dom.querySelector('[data-testid="close-risk-card"]')!.textContent).toContain('close risk timed out');
    expect(dom.querySelector('[data-testid="close-risk-card"] [data-testid="data-empty"]')).toBeNull();
  });
});
