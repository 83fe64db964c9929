// @vitest-environment happy-dom
// DataState: loading only before the first answer, errors never shown as empty, stale data flagged.
// Plain .ts with createElement: the repo's vitest include is test/**/*.test.ts.
import { act, createElement as h } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataState, type QueryView } from '../../web/src/components/data-state.tsx';
import { renderIntoDom, type Rendered } from './render-into-dom.ts';

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function show(query: QueryView<string[]>) {
  rendered = renderIntoDom(
    h(DataState<string[]>, {
      query,
      subject: 'event counts',
      isEmpty: (rows) => rows.length === 0,
      empty: h('p', null, 'Nothing yet'),
      children: (rows) => h('p', { 'data-testid': 'content' }, rows.join(',')),
    }),
  );
  return rendered.container;
}

const view = (partial: Partial<QueryView<string[]>>): QueryView<string[]> => ({
  data: undefined,
  error: null,
  isFetching: false,
  refetch: () => undefined,
  ...partial,
});

describe('DataState', () => {
  it('shows loading while there is no data and no error', () => {
    const dom = show(view({ isFetching: true }));
    expect(dom.querySelector('[data-testid="data-loading"]')?.textContent).toContain('Loading event counts');
  });

  it('shows a failed first load as an error with a working retry, not as empty', () => {
    const refetch = vi.fn();
    const dom = show(view({ error: new Error('connection refused'), refetch }));
    expect(dom.querySelector('[data-testid="data-empty"]')).toBeNull();
    expect(dom.textContent).toContain('Could not load event counts');
    expect(dom.textContent).toContain('connection refused');
    const retry = [...dom.querySelectorAll('button')].find((button) => button.textContent === 'Retry');
    act(() => retry?.click());
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('keeps showing data when a refresh fails, with the failure flagged', () => {
    const dom = show(view({ data: ['a', 'b'], error: new Error('timeout') }));
    expect(dom.querySelector('[data-testid="content"]')?.textContent).toBe('a,b');
    expect(dom.textContent).toContain('Could not refresh event counts');
    expect(dom.querySelector('[data-testid="data-loading"]')).toBeNull();
  });

  it('shows the empty state for an empty answer', () => {
    const dom = show(view({ data: [] }));
    expect(dom.querySelector('[data-testid="data-empty"]')?.textContent).toBe('Nothing yet');
    expect(dom.querySelector('[data-testid="content"]')).toBeNull();
  });

  it('does not show loading during a background refresh of existing data', () => {
    const dom = show(view({ data: ['a'], isFetching: true }));
    expect(dom.querySelector('[data-testid="data-loading"]')).toBeNull();
    expect(dom.querySelector('[data-testid="content"]')?.textContent).toBe('a');
  });
});
