// @vitest-environment happy-dom
// The document timeline: the API's answer mapped to events, spans, stages and related
// documents (pure), and the page through the real client with the server faked — a waterfall
// bar per event and span, an unknown document shown as "no such document" (the API's
// NOT_FOUND is an answer), and a failure shown as an error, never as empty.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import DocumentTimelinePage from '../../web/src/documents/document-timeline-page.tsx';
import { fromTimeline, type TimelineAnswer } from '../../web/src/documents/timeline-from-api.ts';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };

const answer = {
  document: { entity: 'DE01', document_type: 'payment', document_id: 'PAY-1', stage: 'finance.payment.sent', amount: '1234.5', currency: 'EUR', counterparty_id: 'S1', counterparty_name: 'Acme GmbH', time_zone: 'Europe/Berlin' },
  related: [{ entity: 'DE01', document_type: 'supplier_invoice', document_id: 'INV-9', relation: 'correlation_parent', rule: '', via: { entity: 'DE01', document_type: 'payment', document_id: 'PAY-1' }, depth: 1, stage: 'finance.invoice.paid' }],
  events: [
    { source: 'erp/sap', id: 'e1', type: 'finance.payment.released', time: '2026-11-26 08:00:00.000', received_at: '2026-11-26 08:00:01.000', entity: 'DE01', document_type: 'payment', document_id: 'PAY-1', amount: '1234.5', currency: 'EUR', data: {} },
    { source: 'ap/coupa', id: 'e0', type: 'finance.invoice.approved', time: '2026-11-26 07:00:00.000', received_at: '2026-11-26 07:00:01.000', entity: 'DE01', document_type: 'supplier_invoice', document_id: 'INV-9', amount: '1234.5', currency: 'EUR', data: {} },
  ],
  spans: [{ trace_id: 't', span_id: 's', parent_span_id: '', name: 'send to bank', service_name: 'mulesoft', flow: 'payments', status_code: 'STATUS_CODE_ERROR', status_message: 'timeout', start_time: '2026-11-26 08:00:02.000000000', end_time: '2026-11-26 08:00:04.500000000', duration_ms: 2500, document_id: 'PAY-1' }],
  stages: [
    { stage: 'finance.payment.released', entered_at: '2026-11-26 08:00:00.000', left_at: '2026-11-26 09:00:00.000', duration_ms: 3_600_000 },
    { stage: 'finance.payment.sent', entered_at: '2026-11-26 09:00:00.000', left_at: null, duration_ms: 7_200_000 },
  ],
  truncated: { related: false, events: false, spans: true },
} as unknown as TimelineAnswer;

describe('fromTimeline', () => {
  const data = fromTimeline(answer);
  it('places events in the sending system’s lane and names a related document’s events', () => {
    expect(data.events).toEqual([
      { id: 'erp/sap|e1', label: 'payment.released', lane: 'erp/sap', atMs: Date.UTC(2026, 10, 26, 8) },
      { id: 'ap/coupa|e0', label: 'invoice.approved (supplier invoice INV-9)', lane: 'ap/coupa', atMs: Date.UTC(2026, 10, 26, 7) },
    ]);
  });
  it('maps spans with their service and failure, stages with durations, related documents and cut lists', () => {
    expect(data.spans).toEqual([{ id: 't|s', label: 'send to bank', lane: 'mulesoft', startMs: Date.UTC(2026, 10, 26, 8, 0, 2), endMs: Date.UTC(2026, 10, 26, 8, 0, 4, 500), failed: true }]);
    expect(data.stages.map((s) => [s.stage, s.leftMs === null, s.durationMs])).toEqual([['finance.payment.released', false, 3_600_000], ['finance.payment.sent', true, 7_200_000]]);
    expect(data.related).toEqual([{ entity: 'DE01', documentType: 'supplier_invoice', documentId: 'INV-9', relation: 'this document refers to it' }]);
    expect(data.timeZone).toBe('Europe/Berlin');
    expect(data.truncated).toEqual(['spans']);
  });
});

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPage(url: string, handlers: Record<string, Handler>) {
  const fake = fakeTrpcFetch({ 'metrics.closeRisk': () => ({ data: { period: '2026-11', reporting_currency: 'EUR', formula: '', entities: [] } }), ...handlers });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createApiClient('http://dashboard.test/trpc', fake.fetch);
  const router = createMemoryRouter([{ path: '/documents/:entity/:documentType/:documentId', element: h(DocumentTimelinePage) }], { initialEntries: [url], future: routerFuture });
  rendered = renderIntoDom(h(QueryClientProvider, { client: queryClient, children: h(TRPCProvider, { trpcClient, queryClient, children: h(RouterProvider, { router, future: { v7_startTransition: true } }) }) }));
  return { dom: rendered.container, calls: fake.calls };
}

describe('DocumentTimelinePage', () => {
  it('draws a bar per event and span, times in the entity’s zone, and links related documents', async () => {
    const { dom, calls } = renderPage('/documents/DE01/payment/PAY-1', { 'documents.timeline': () => ({ data: answer }) });
    await settle(() => dom.querySelector('[data-testid="waterfall-bar"]') !== null);
    expect(calls.find((c) => c.path === 'documents.timeline')?.input).toEqual({ entity: 'DE01', documentType: 'payment', documentId: 'PAY-1' });
    expect(dom.querySelectorAll('[data-testid="waterfall-bar"]')).toHaveLength(3);
    expect(dom.querySelector('[data-testid="timeline-amount"]')!.textContent).toBe('€1,234.50');
    expect(dom.textContent).toContain('Times in Europe/Berlin');
    expect(dom.querySelector<HTMLAnchorElement>('[data-testid="related-link"]')!.getAttribute('href')).toBe('/documents/DE01/supplier_invoice/INV-9');
    expect(dom.textContent).toContain('payment sent (current)');
  });

  it('says there is no such document when the API answers NOT_FOUND', async () => {
    const { dom } = renderPage('/documents/DE01/payment/NOPE', {
      'documents.timeline': () => ({ status: 404, code: 'NOT_FOUND', error: 'No document payment NOPE of entity DE01: no event has named it' }),
    });
    await settle(() => dom.textContent!.includes('No such document yet') || dom.querySelector('[data-testid="error-notice"]') !== null);
    expect(dom.textContent).toContain('No such document yet');
  });

  it('shows a failure as an error, not as a missing document', async () => {
    const { dom } = renderPage('/documents/DE01/payment/PAY-1', { 'documents.timeline': () => ({ status: 500, error: 'ClickHouse is unreachable' }) });
    await settle(() => dom.querySelector('[data-testid="error-notice"]') !== null);
    expect(dom.textContent).toContain('ClickHouse is unreachable');
    expect(dom.textContent).not.toContain('No such document');
  });
});
