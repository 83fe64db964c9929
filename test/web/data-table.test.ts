// @vitest-environment happy-dom
// DataTable with in-memory rows (useClientTable): header buttons sort with aria-sort, the pager
// pages, rows open with Enter or a click, Space and the checkboxes select, arrows move focus.
// Plain .ts with createElement: the repo's vitest include is test/**/*.test.ts.
import { act, createElement as h, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable } from '../../web/src/components/data-table/data-table.tsx';
import type { TableColumn } from '../../web/src/components/data-table/table-column.ts';
import { useClientTable } from '../../web/src/components/data-table/use-client-table.ts';
import { renderIntoDom, type Rendered } from './render-into-dom.ts';

interface Feed {
  name: string;
  rejected: bigint;
}

const columns: TableColumn<Feed>[] = [
  { id: 'name', header: 'Source', cell: (f) => f.name, sortValue: (f) => f.name },
  { id: 'rejected', header: 'Rejected', cell: (f) => String(f.rejected), sortValue: (f) => f.rejected, firstDirection: 'desc', align: 'right' },
];
const feeds: Feed[] = [
  { name: 'bank/ing', rejected: 3n },
  { name: 'ap/coupa-eu', rejected: 18n },
  { name: 'erp/sap-s4', rejected: 7n },
];

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function Harness({ onOpen }: { onOpen: (feed: Feed) => void }) {
  const table = useClientTable(feeds, columns, { defaultSort: { columnId: 'name', direction: 'asc' }, pageSize: 2 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  return h(DataTable<Feed>, {
    caption: 'Feeds',
    columns,
    rows: table.visibleRows,
    rowKey: (f) => f.name,
    sort: table.sort,
    onSortChange: table.setSort,
    onOpenRow: onOpen,
    selection: { selected, onChange: setSelected, label: (f) => `Select ${f.name}` },
    pager: table.pager,
  });
}

function setup() {
  const onOpen = vi.fn();
  rendered = renderIntoDom(h(Harness, { onOpen }));
  const dom = rendered.container;
  return {
    dom,
    onOpen,
    rowKeys: () => [...dom.querySelectorAll<HTMLElement>('tbody tr')].map((tr) => tr.dataset.rowKey),
    row: (key: string) => dom.querySelector<HTMLElement>(`tr[data-row-key="${key}"]`)!,
    header: (id: string) => dom.querySelector<HTMLButtonElement>(`[data-testid="sort-${id}"]`)!,
    range: () => dom.querySelector('[data-testid="page-range"]')?.textContent,
  };
}

const key = (target: Element, name: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true })));

describe('DataTable', () => {
  it('marks the sorted column with aria-sort and re-sorts on a header click', () => {
    const t = setup();
    expect(t.rowKeys()).toEqual(['ap/coupa-eu', 'bank/ing']);
    expect(t.header('name').closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    act(() => t.header('rejected').click());
    expect(t.header('rejected').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(t.header('name').closest('th')?.getAttribute('aria-sort')).toBe('none');
    expect(t.rowKeys()).toEqual(['ap/coupa-eu', 'erp/sap-s4']);
    act(() => t.header('rejected').click());
    expect(t.rowKeys()).toEqual(['bank/ing', 'erp/sap-s4']);
  });

  it('pages with "n–m of total" and previous/next', () => {
    const t = setup();
    expect(t.range()).toBe('1–2 of 3');
    const next = t.dom.querySelector<HTMLButtonElement>('[aria-label="Next page"]')!;
    act(() => next.click());
    expect(t.range()).toBe('3–3 of 3');
    expect(t.rowKeys()).toEqual(['erp/sap-s4']);
    expect(next.disabled).toBe(true);
  });

  it('opens a row with Enter or a click', () => {
    const t = setup();
    key(t.row('bank/ing'), 'Enter');
    expect(t.onOpen).toHaveBeenLastCalledWith(feeds[0]);
    act(() => t.row('ap/coupa-eu').click());
    expect(t.onOpen).toHaveBeenLastCalledWith(feeds[1]);
  });

  it('makes rows focusable and moves focus with the arrow keys', () => {
    const t = setup();
    const first = t.row('ap/coupa-eu');
    expect(first.tabIndex).toBe(0);
    act(() => first.focus());
    key(first, 'ArrowDown');
    expect(document.activeElement).toBe(t.row('bank/ing'));
  });

  it('selects with Space or the checkbox without opening the row, and all at once from the header', () => {
    const t = setup();
    key(t.row('bank/ing'), ' ');
    expect(t.row('bank/ing').getAttribute('aria-selected')).toBe('true');
    const checkbox = t.dom.querySelector<HTMLInputElement>('input[aria-label="Select ap/coupa-eu"]')!;
    act(() => checkbox.click());
    expect(t.row('ap/coupa-eu').getAttribute('aria-selected')).toBe('true');
    expect(t.onOpen).not.toHaveBeenCalled();
    const all = t.dom.querySelector<HTMLInputElement>('input[aria-label="Select all on this page"]')!;
    expect(all.checked).toBe(true);
    act(() => all.click());
    expect(t.dom.querySelectorAll('tr[aria-selected="true"]')).toHaveLength(0);
  });
});
