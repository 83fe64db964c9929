// @vitest-environment happy-dom
// The forecast page through the real client with the server faked: bucket and horizon from
// the URL reach the API, accuracy per currency and entity shown from the exact strings, an
// empty window explained, a failure shown as an error.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import ForecastPage from '../../web/src/forecast/forecast-page.tsx';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };
const accuracy = { buckets: '2', zero_actual_buckets: '0', forecast: '1234567.891', actual: '1000000', variance: '234567.891', wape: '0.2346', mape: '0.25', bias: '-0.0500' };
const answer = {
  window: { bucket: 'month', horizonDays: 14, from: '2026-10-01', to: '2026-11-01' },
  buckets: { rows: [{ entity: 'DE01', currency: 'EUR', bucket_start: '2026-10-01', forecast: '600000', actual: '500000', variance: '100000', variance_pct: '0.2', forecast_known_at: null, actual_basis: 'bank_entries' }], hasMore: false },
  summary: [{ entity: 'DE01', currency: 'EUR', ...accuracy }],
  totals: [{ currency: 'EUR', ...accuracy }],
};

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPage(url: string, handler: Handler) {
  const fake = fakeTrpcFetch({ 'metrics.forecastVariance': handler });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createApiClient('http://dashboard.test/trpc', fake.fetch);
  const router = createMemoryRouter([{ path: '/forecast', element: h(ForecastPage) }], { initialEntries: [url], future: routerFuture });
  rendered = renderIntoDom(h(QueryClientProvider, { client: queryClient, children: h(TRPCProvider, { trpcClient, queryClient, children: h(RouterProvider, { router, future: { v7_startTransition: true } }) }) }));
  return { dom: rendered.container, calls: fake.calls };
}

describe('ForecastPage', () => {
  it('asks for the URL’s bucket, horizon and entity and shows accuracy from the exact strings', async () => {
    const { dom, calls } = renderPage('/forecast?bucket=month&horizon=14&entity=DE01', () => ({ data: answer }));
    await settle(() => dom.querySelector('[data-testid="forecast-summary-table"] tbody tr') !== null);
    expect(calls[0]!.input).toEqual({ entities: ['DE01'], bucket: 'month', horizonDays: 14, limit: 500, offset: 0 });
    const total = dom.querySelector<HTMLElement>('[data-testid="forecast-summary-table"] tr[data-row-key="*|EUR"]')!;
    expect(total.querySelector<HTMLElement>('[data-testid="forecast-wape"]')!.dataset.value).toBe('0.2346');
    expect([...total.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['All entities', 'EUR', '2', '€1,234,567.89', '€1,000,000.00', '€234,567.89', '23.5%', '25.0%', '-5.0%']);
  });

  it('explains an empty window', async () => {
    const { dom } = renderPage('/forecast', () => ({ data: { ...answer, buckets: { rows: [], hasMore: false }, summary: [], totals: [] } }));
    await settle(() => dom.querySelector('[data-testid="data-empty"]') !== null);
    expect(dom.textContent).toContain('No forecast to compare yet');
  });

  it('shows a failure as an error, never as empty', async () => {
    const { dom } = renderPage('/forecast', () => ({ status: 500, error: 'window too wide' }));
    await settle(() => dom.querySelector('[data-testid="error-notice"]') !== null);
    expect(dom.textContent).toContain('window too wide');
    expect(dom.querySelector('[data-testid="data-empty"]')).toBeNull();
  });
});
