// DataTable paging: offsets, the "n–m of total" label, and page parameters from the URL.
import { describe, expect, it } from 'vitest';
import { lastPage, pageWindow, paginate, parsePage, parsePageSize } from '../../web/src/components/data-table/table-pagination.ts';

describe('pageWindow', () => {
  it('describes a middle page', () => {
    expect(pageWindow({ page: 2, pageSize: 25, total: 312 }, 'en-US')).toEqual({
      offset: 25,
      first: 26,
      last: 50,
      pageCount: 13,
      hasPrevious: true,
      hasNext: true,
      label: '26–50 of 312',
    });
  });

  it('stops the last page at the total', () => {
    expect(pageWindow({ page: 13, pageSize: 25, total: 312 }, 'en-US')).toMatchObject({ first: 301, last: 312, hasNext: false, label: '301–312 of 312' });
  });

  it('has no next page when the total fills the page exactly', () => {
    expect(pageWindow({ page: 1, pageSize: 25, total: 25 }, 'en-US')).toMatchObject({ hasNext: false, pageCount: 1, label: '1–25 of 25' });
  });

  it('says "0 of n" for no rows or a page past the end', () => {
    expect(pageWindow({ page: 1, pageSize: 25, total: 0 }, 'en-US')).toMatchObject({ first: 0, last: 0, hasPrevious: false, hasNext: false, pageCount: 1, label: '0 of 0' });
    expect(pageWindow({ page: 5, pageSize: 25, total: 30 }, 'en-US')).toMatchObject({ first: 0, label: '0 of 30', hasPrevious: true, hasNext: false });
  });

  it('groups large numbers', () => {
    expect(pageWindow({ page: 400, pageSize: 25, total: 12_345 }, 'en-US').label).toBe('9,976–10,000 of 12,345');
  });
});

describe('paginate and lastPage', () => {
  const rows = Array.from({ length: 23 }, (_, i) => i);
  it('slices one page', () => {
    expect(paginate(rows, 3, 10)).toEqual([20, 21, 22]);
    expect(paginate(rows, 4, 10)).toEqual([]);
  });

  it('finds the last page with rows, and page 1 when there are none', () => {
    expect(lastPage(23, 10)).toBe(3);
    expect(lastPage(0, 10)).toBe(1);
  });
});

describe('URL page parameters', () => {
  it('reads a page number and falls back to 1', () => {
    expect(parsePage('4')).toBe(4);
    for (const bad of [undefined, '', '0', '-2', '1.5', 'abc', '99999999']) expect(parsePage(bad)).toBe(1);
  });

  it('accepts only page sizes the table offers', () => {
    expect(parsePageSize('50')).toBe(50);
    expect(parsePageSize('1000')).toBe(25);
    expect(parsePageSize(undefined, 10)).toBe(10);
  });
});
