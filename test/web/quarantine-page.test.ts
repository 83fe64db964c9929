// @vitest-environment happy-dom
// The Quarantine page through the real tRPC client, React Query and router, with the server
// faked at the HTTP boundary: empty states, errors never shown as empty, and fix-and-replay.
// Plain .ts with createElement: the repo's vitest include is test/**/*.test.ts.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, createElement as h } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, TRPCProvider } from '../../web/src/lib/trpc.ts';
import QuarantinePage from '../../web/src/quarantine/quarantine-page.tsx';
import { fakeTrpcFetch, type Handler } from './fake-trpc.ts';
import { quarantineRow } from './quarantine-rows.ts';
import { renderIntoDom, settle, type Rendered } from './render-into-dom.ts';

// The app's router opts in to v7 behaviour; so does this one, so v6 logs no warnings.
const routerFuture = { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true };

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function renderPage(url: string, handlers: Record<string, Handler>) {
  const fake = fakeTrpcFetch({ 'quarantine.summary': () => ({ data: [] }), ...handlers });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpcClient = createApiClient('http://dashboard.test/trpc', fake.fetch);
  const router = createMemoryRouter([{ path: '/quarantine', element: h(QuarantinePage) }], { initialEntries: [url], future: routerFuture });
  rendered = renderIntoDom(
    h(QueryClientProvider, {
      client: queryClient,
      children: h(TRPCProvider, { trpcClient, queryClient, children: h(RouterProvider, { router, future: { v7_startTransition: true } }) }),
    }),
  );
  return { dom: rendered.container, calls: fake.calls, router };
}

const find = (dom: HTMLElement, testId: string) => dom.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

function typeInto(textarea: HTMLTextAreaElement, value: string) {
  const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(textarea), 'value')!.set!;
  act(() => {
    setValue.call(textarea, value);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('QuarantinePage', () => {
  it('says every record passed validation when nothing is quarantined and no filter is set', async () => {
    const { dom } = renderPage('/quarantine', { 'quarantine.list': () => ({ data: { rows: [], total: '0' } }) });
    await settle(() => find(dom, 'data-empty') !== null);
    expect(dom.textContent).toContain('Nothing quarantined — every record passed validation');
  });

  it('says no record matches when filters are set, and clears them', async () => {
    const { dom, calls, router } = renderPage('/quarantine?source=bank%2Fing&period=24h&page=2', { 'quarantine.list': () => ({ data: { rows: [], total: '0' } }) });
    await settle(() => find(dom, 'clear-filters') !== null);
    expect(dom.textContent).toContain('No record matches the filters');
    expect(calls.find((c) => c.path === 'quarantine.list')?.input).toMatchObject({ source: 'bank/ing', offset: 25 });
    act(() => find(dom, 'clear-filters')!.click());
    expect(router.state.location.search).toBe('');
    await settle(() => calls.some((c) => c.path === 'quarantine.list' && (c.input as { source?: string }).source === undefined));
  });

  it('shows a failed load as an error, never as an empty quarantine', async () => {
    const { dom } = renderPage('/quarantine', { 'quarantine.list': () => ({ status: 500, error: 'ClickHouse is unreachable' }) });
    await settle(() => find(dom, 'error-notice') !== null);
    expect(dom.textContent).toContain('ClickHouse is unreachable');
    expect(find(find(dom, 'quarantine-list')!, 'data-empty')).toBeNull();
    expect(dom.textContent).not.toContain('Nothing quarantined');
  });

  it('opens a record with Enter, shows its reasons, replays a corrected copy and shows the outcome', async () => {
    const row = quarantineRow();
    let replayed: unknown;
    const { dom } = renderPage('/quarantine', {
      'quarantine.list': () => ({ data: { rows: [row], total: '1' } }),
      'quarantine.replay': (input) => {
        replayed = input;
        return { data: [{ quarantineId: row.quarantine_id, outcome: 'replayed', eventId: row.event_id }] };
      },
    });
    await settle(() => dom.querySelector('tbody tr') !== null);
    expect(find(dom, 'page-range')?.textContent).toBe('1–1 of 1');
    const tr = dom.querySelector<HTMLElement>(`tr[data-row-key="${row.quarantine_id}"]`)!;
    act(() => void tr.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await settle(() => find(dom, 'record-detail') !== null);
    expect(find(dom, 'detail-reasons')?.textContent).toContain('data.amount');
    expect(find(dom, 'raw-payload')?.textContent).toContain('"amount": 1250.5');

    act(() => find(dom, 'fix-record')!.click());
    const editor = find(dom, 'fix-editor') as HTMLTextAreaElement;
    const corrected = editor.value.replace('1250.5', '"1250.50"');
    typeInto(editor, corrected);
    act(() => find(dom, 'replay-corrected')!.click());
    await settle(() => find(dom, 'replay-outcome') !== null);
    expect(find(dom, 'replay-outcome')?.dataset.outcome).toBe('replayed');
    expect(find(dom, 'replay-outcome')?.textContent).toContain(`stored as event ${row.event_id}`);
    expect(replayed).toEqual({ records: [{ quarantineId: row.quarantine_id, correctedRaw: corrected }] });
    // The list still says quarantined (the fake does not change); the panel shows what the replay did.
    expect(find(dom, 'record-detail')?.querySelector('[data-testid="record-status"]')?.getAttribute('data-status')).toBe('replayed');
    expect(find(dom, 'not-replayable')?.textContent).toContain('Already replayed');
  });

  it('shows a corrected record that is still invalid with its new reasons', async () => {
    const row = quarantineRow();
    const { dom } = renderPage(`/quarantine?open=${row.quarantine_id}`, {
      'quarantine.list': () => ({ data: { rows: [row], total: '1' } }),
      'quarantine.replay': () => ({ data: [{ quarantineId: row.quarantine_id, outcome: 'still_invalid', errors: [{ path: 'data.currency', message: '"EURO" is not an ISO 4217 currency code' }] }] }),
    });
    await settle(() => find(dom, 'replay-record') !== null);
    act(() => find(dom, 'replay-record')!.click());
    await settle(() => find(dom, 'replay-outcome') !== null);
    expect(find(dom, 'replay-outcome')?.dataset.outcome).toBe('still_invalid');
    expect(find(dom, 'detail-reasons')?.textContent).toContain('"EURO" is not an ISO 4217 currency code');
    expect(find(dom, 'record-detail')?.querySelector('[data-testid="record-status"]')?.getAttribute('data-status')).toBe('replay_failed');
  });

  it('replays the selected records together and lists each one’s outcome', async () => {
    const first = quarantineRow({ quarantine_id: 'q-1', event_id: 'INV-1~bad' });
    const second = quarantineRow({ quarantine_id: 'q-2', event_id: 'INV-2~bad' });
    const replayedRecord = quarantineRow({ quarantine_id: 'q-3', event_id: 'INV-3~bad', status: 'replayed' });
    let asked: unknown;
    const { dom } = renderPage('/quarantine', {
      'quarantine.list': () => ({ data: { rows: [first, second, replayedRecord], total: '3' } }),
      'quarantine.replay': (input) => {
        asked = input;
        return {
          data: [
            { quarantineId: 'q-1', outcome: 'replayed', eventId: 'INV-1~bad' },
            { quarantineId: 'q-2', outcome: 'still_invalid', errors: [{ path: 'data.amount', message: 'must be a decimal string' }] },
          ],
        };
      },
    });
    await settle(() => dom.querySelector('tbody tr') !== null);
    expect(dom.querySelector('input[aria-label="Select INV-3~bad"]')).toBeNull();
    act(() => dom.querySelector<HTMLInputElement>('input[aria-label="Select all on this page"]')!.click());
    expect(find(dom, 'batch-bar')?.textContent).toContain('2 selected');
    act(() => find(dom, 'replay-selected')!.click());
    await settle(() => find(dom, 'batch-results') !== null);
    expect(asked).toEqual({ records: [{ quarantineId: 'q-1' }, { quarantineId: 'q-2' }] });
    expect(find(dom, 'batch-results')?.textContent).toContain('1 replayed, 1 still invalid');
    const outcomes = [...dom.querySelectorAll<HTMLElement>('[data-testid="batch-results"] [data-testid="replay-outcome"]')];
    expect(outcomes.map((o) => [o.dataset.quarantineId, o.dataset.outcome])).toEqual([
      ['q-1', 'replayed'],
      ['q-2', 'still_invalid'],
    ]);
    expect(outcomes[1]?.textContent).toContain('must be a decimal string');
  });
});
