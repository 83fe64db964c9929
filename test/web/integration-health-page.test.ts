// @vitest-environment happy-dom
// The Integration health page through the real tRPC client and router, the server faked at the
// HTTP boundary: a stale feed stands out, a rejected count links to its quarantine records,
// flows show throughput, error rate and latency with failing/stale flows marked and sortable
// from the keyboard, per-source freshness links quarantined records, and a failure is shown as one.
// Plain .ts with createElement: the repo's vitest include is test/**/*.test.ts.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import IntegrationHealthPage from '../../web/src/integration/integration-health-page.tsx';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

const noMetrics: Handler = () => ({
  data: {
    window: { from: '2026-11-25 06:00:00.000', to: '2026-11-26 06:01:00.000' },
    flows: [],
    sources: { rows: [], hasMore: false },
    totals: { flows: 0, messages: 0, errors: 0, error_rate: null, retries: 0, dead_letters: 0, sources: 0, stale_sources: 0, quiet_before_window: 0, events: 0, quarantined: 0 },
    ingest: [],
    computed_at: new Date().toISOString(),
  },
});

function renderPage(url: string, handler: Handler, metrics: Handler = noMetrics) {
  const fake = fakeTrpcFetch({ 'integration.ingestHealth': handler, 'metrics.integrationHealth': metrics });
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

  it('shows flows with error rate and latency, failing and stale flows marked, sortable from the keyboard', async () => {
    const flow = (name: string, messages: number, errors: number, freshness: number) => ({
      flow: name, basis: 'spans', messages, errors, error_rate: messages ? Math.round((errors / messages) * 10_000) / 10_000 : null,
      p50_ms: 850, p95_ms: 1700, p99_ms: null, retries: 0, dead_letters: 0, last_seen: warehouseTime(Date.now() - freshness * 1000), freshness_s: freshness,
    });
    const metrics: Handler = () => ({
      data: {
        window: { from: '2026-11-19 06:00:00.000', to: '2026-11-26 06:01:00.000' },
        flows: [flow('o2c.invoice-sync', 1200, 30, 60), flow('p2p.payment-file', 400, 0, 60), flow('r2r.fx-rates', 10, 0, 7200)],
        sources: {
          rows: [
            { source: 'bank/ing', events: 0, last_event_at: '2026-11-10 06:00:00.000', last_received_at: null, freshness_s: 1_382_400, typical_gap_s: 600, stale_after_s: 1200, stale: true, quiet_before_window: true, quarantined: 4 },
            { source: 'ap/coupa-eu', events: 120, last_event_at: warehouseTime(Date.now() - 60_000), last_received_at: null, freshness_s: 60, typical_gap_s: 60, stale_after_s: 300, stale: false, quiet_before_window: false, quarantined: 0 },
          ],
          hasMore: false,
        },
        totals: { flows: 3, messages: 1610, errors: 30, error_rate: 0.0186, retries: 0, dead_letters: 0, sources: 2, stale_sources: 1, quiet_before_window: 1, events: 120, quarantined: 4 },
        ingest: [],
        computed_at: new Date().toISOString(),
      },
    });
    const { dom, calls } = renderPage('/integration-health?period=7d', () => ({ data: { window: { from: '2026-11-19 06:00:00.000', to: '2026-11-26 06:01:00.000' }, sources: [row('ap/coupa-eu', 60_000)], instances: [] } }), metrics);
    await settle(() => dom.querySelector('[data-testid="flows-table"] tbody tr') !== null);
    const flows = () => [...dom.querySelectorAll<HTMLElement>('[data-testid="flows-table"] tbody tr')];
    const flowRow = (name: string) => dom.querySelector<HTMLElement>(`[data-testid="flows-table"] tr[data-row-key="${name}"]`)!;
    // most errors first by default; the failing and the stale flow are marked
    expect(flows().map((r) => r.dataset.rowKey)).toEqual(['o2c.invoice-sync', 'p2p.payment-file', 'r2r.fx-rates']);
    expect(flowRow('o2c.invoice-sync').dataset.attention).toBe('true');
    expect(flowRow('o2c.invoice-sync').querySelector('[data-testid="flow-failing-badge"]')).not.toBeNull();
    expect(flowRow('o2c.invoice-sync').querySelector('[data-testid="flow-error-rate"]')!.textContent).toBe('2.5%');
    expect(flowRow('o2c.invoice-sync').querySelector('[data-testid="flow-p95"]')!.textContent).toBe('1.7 s');
    expect(flowRow('o2c.invoice-sync').querySelector('[data-testid="flow-p99"]')!.textContent).toBe('—');
    expect(flowRow('r2r.fx-rates').querySelector('[data-testid="flow-stale-badge"]')).not.toBeNull();
    expect(flowRow('p2p.payment-file').dataset.attention).toBeUndefined();
    // the header sort is a button: keyboard users reach it with Tab and press Enter/Space
    const sortMessages = dom.querySelector<HTMLButtonElement>('[data-testid="flows-table"] [data-testid="sort-messages"]')!;
    act(() => sortMessages.click());
    expect(flows().map((r) => r.dataset.rowKey)).toEqual(['o2c.invoice-sync', 'p2p.payment-file', 'r2r.fx-rates']);
    act(() => sortMessages.click());
    expect(flows().map((r) => r.dataset.rowKey)).toEqual(['r2r.fx-rates', 'p2p.payment-file', 'o2c.invoice-sync']);
    expect(sortMessages.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    // source freshness: quiet all window stands out and links its quarantined records
    const ing = dom.querySelector<HTMLElement>('[data-testid="source-freshness-table"] tr[data-row-key="bank/ing"]')!;
    expect(ing.dataset.attention).toBe('true');
    expect(ing.querySelector('[data-testid="quiet-badge"]')).not.toBeNull();
    expect(ing.querySelector('a[data-testid="source-quarantined"]')?.getAttribute('href')).toBe('/quarantine?period=7d&source=bank%2Fing');
    const coupa = dom.querySelector<HTMLElement>('[data-testid="source-freshness-table"] tr[data-row-key="ap/coupa-eu"]')!;
    expect(coupa.dataset.attention).toBeUndefined();
    expect(coupa.querySelector('a[data-testid="source-quarantined"]')).toBeNull();
    // both procedures asked about the same window
    const metricsInput = calls.find((c) => c.path === 'metrics.integrationHealth')?.input as { from?: string };
    const ingestInput = calls.find((c) => c.path === 'integration.ingestHealth')?.input as { from?: string };
    expect(metricsInput.from).toBeDefined();
    expect(metricsInput.from).toBe(ingestInput.from);
  });

  it('shows a failure of the flow metrics as an error while the ingest cards still show', async () => {
    const { dom } = renderPage('/integration-health', () => ({ data: { window: { from: '2026-11-25 06:00:00.000', to: '2026-11-26 06:01:00.000' }, sources: [row('ap/coupa-eu', 60_000)], instances: [] } }), () => ({ status: 500, error: 'spans table is missing' }));
    await settle(() => dom.querySelector('[data-testid="error-notice"]') !== null && dom.querySelector('[data-testid="sources-table"]') !== null);
    expect(dom.textContent).toContain('Could not load flow health');
    expect(dom.textContent).toContain('spans table is missing');
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
