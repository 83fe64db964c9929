// @vitest-environment happy-dom
// The Integration health page through the real tRPC client and router, the server faked at the
// HTTP boundary: a stale feed stands out, a rejected count links to its quarantine records,
// and a failure is shown as one.
// Plain .ts with createElement: the repo's vitest include is test/**/*.test.ts.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import IntegrationHealthPage from '../../web/src/integration/integration-health-page.tsx';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPage(url: string, handler: Handler) {
  const fake = fakeTrpcFetch({ 'integration.ingestHealth': handler });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createApiClient('http://dashboard.test/trpc', fake.fetch);
  const router = createMemoryRouter([{ path: '/integration-health', element: h(IntegrationHealthPage) }], { initialEntries: [url], future: routerFuture });
  rendered = renderIntoDom(
    h(QueryClientProvider, {
      client: queryClient,
      children: h(TRPCProvider, { trpcClient, queryClient, children: h(RouterProvider, { router, future: { v7_startTransition: true } }) }),
    }),
  );
  return { dom: rendered.container, calls: fake.calls };
}

const warehouseTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const row = (source: string, agoMs: number, rejected = '2') => ({ source, accepted: '1200', rejected, duplicates: '3', last_seen: warehouseTime(Date.now() - agoMs) });

describe('IntegrationHealthPage', () => {
  it('flags a feed silent for over an hour as stale and links rejected counts to the quarantine', async () => {
    const { dom, calls } = renderPage('/integration-health?period=7d', () => ({
      data: {
        window: { from: '2026-11-19 06:00:00.000', to: '2026-11-26 06:01:00.000' },
        sources: [row('ap/coupa-eu', 60_000), row('bank/ing', 2 * 3_600_000)],
        instances: [],
      },
    }));
    await settle(() => dom.querySelector('tbody tr') !== null);
    const rowOf = (source: string) => dom.querySelector<HTMLElement>(`tr[data-row-key="${source}"]`)!;
    expect(rowOf('bank/ing').querySelector('[data-testid="stale-badge"]')).not.toBeNull();
    expect(rowOf('ap/coupa-eu').querySelector('[data-testid="stale-badge"]')).toBeNull();
    expect(dom.querySelector('[data-testid="stale-feeds"]')?.textContent).toContain('bank/ing');
    expect(rowOf('ap/coupa-eu').querySelector('a[data-testid="rejected"]')?.getAttribute('href')).toBe('/quarantine?period=7d&source=ap%2Fcoupa-eu');
    expect(calls[0]?.input).toHaveProperty('from');
    expect(dom.querySelector('[data-testid="total-accepted"]')?.getAttribute('data-count')).toBe('2400');
  });

  it('shows a failure as an error, not as "no ingest activity"', async () => {
    const { dom } = renderPage('/integration-health', () => ({ status: 500, error: 'ClickHouse is unreachable' }));
    await settle(() => dom.querySelector('[data-testid="error-notice"]') !== null);
    expect(dom.textContent).toContain('ClickHouse is unreachable');
    expect(dom.textContent).not.toContain('No ingest activity');
  });

  it('says so when nothing was ingested in the window', async () => {
    const { dom } = renderPage('/integration-health', () => ({ data: { window: { from: '2026-11-25 06:00:00.000', to: '2026-11-26 06:01:00.000' }, sources: [], instances: [] } }));
    await settle(() => dom.querySelector('[data-testid="data-empty"]') !== null);
    expect(dom.textContent).toContain('No ingest activity in this window');
  });
});
