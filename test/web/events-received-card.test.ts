// @vitest-environment happy-dom
// The "Events received" card through the real tRPC client and React Query, with fetch faked
// at the HTTP boundary (the server's batch wire format, no transformer).
// Plain .ts with createElement: the repo's vitest include is test/**/*.test.ts.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import { EventsReceivedCard } from '../../web/src/overview/events-received-card.tsx';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderCard(respond: () => Response) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const fakeFetch = (async () => respond()) as unknown as typeof fetch;
  const trpcClient = createApiClient('http://dashboard.test/trpc', fakeFetch);
  rendered = renderIntoDom(
    h(QueryClientProvider, {
      client: queryClient,
      children: h(TRPCProvider, { trpcClient, queryClient, children: h(EventsReceivedCard, { refetchInterval: false }) }),
    }),
  );
  return rendered.container;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('EventsReceivedCard', () => {
  it('shows the total and one row per type with its exact count', async () => {
    const dom = renderCard(() =>
      json(200, [
        {
          result: {
            data: [
              { type: 'finance.invoice.received', events: '1200' },
              { type: 'finance.payment.sent', events: '9007199254740993' },
            ],
          },
        },
      ]),
    );
    await settle(() => dom.querySelector('[data-testid="event-type-row"]') !== null);
    const rows = [...dom.querySelectorAll<HTMLElement>('[data-testid="event-type-row"]')];
    expect(rows.map((row) => [row.dataset.type, row.dataset.count])).toEqual([
      ['finance.payment.sent', '9007199254740993'],
      ['finance.invoice.received', '1200'],
    ]);
    expect(dom.querySelector<HTMLElement>('[data-testid="events-total"]')?.dataset.count).toBe('9007199254742193');
  });

  it('shows how to send the first event when none have arrived', async () => {
    const dom = renderCard(() => json(200, [{ result: { data: [] } }]));
    await settle(() => dom.querySelector('[data-testid="data-empty"]') !== null);
    expect(dom.textContent).toContain('POST /v1/events');
  });

  it('shows a server failure as an error, not as "no events"', async () => {
    const dom = renderCard(() =>
      json(500, [{ error: { message: 'ClickHouse is unreachable', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } }]),
    );
    await settle(() => dom.querySelector('[data-testid="error-notice"]') !== null);
    expect(dom.textContent).toContain('ClickHouse is unreachable');
    expect(dom.querySelector('[data-testid="data-empty"]')).toBeNull();
  });
});
