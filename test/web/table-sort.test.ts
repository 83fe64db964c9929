// DataTable sorting: header clicks, a stable sort with nulls last, aria-sort and the URL form.
import { describe, expect, it } from 'vitest';
import type { TableColumn } from '../../web/src/components/data-table/table-column.ts';
import { ariaSortFor, formatSortParam, nextSort, parseSortParam, sortRows } from '../../web/src/components/data-table/table-sort.ts';

interface Row {
  name: string;
  count: bigint;
  seen: number | null;
}

const columns: TableColumn<Row>[] = [
  { id: 'name', header: 'Name', cell: (r) => r.name, sortValue: (r) => r.name },
  { id: 'count', header: 'Count', cell: (r) => String(r.count), sortValue: (r) => r.count, firstDirection: 'desc' },
  { id: 'seen', header: 'Seen', cell: (r) => String(r.seen), sortValue: (r) => r.seen },
  { id: 'note', header: 'Note', cell: () => '' },
];

const rows: Row[] = [
  { name: 'bank/ing', count: 9007199254740993n, seen: 3 },
  { name: 'ap/coupa-eu', count: 5n, seen: null },
  { name: 'erp/sap-s4', count: 9007199254740992n, seen: 1 },
  { name: 'Ap/coupa-apac', count: 5n, seen: 2 },
];
const names = (sorted: Row[]) => sorted.map((r) => r.name);

describe('nextSort', () => {
  it('starts a column in its first direction, then flips it', () => {
    expect(nextSort(null, columns[0]!)).toEqual({ columnId: 'name', direction: 'asc' });
    expect(nextSort(null, columns[1]!)).toEqual({ columnId: 'count', direction: 'desc' });
    expect(nextSort({ columnId: 'count', direction: 'desc' }, columns[1]!)).toEqual({ columnId: 'count', direction: 'asc' });
    expect(nextSort({ columnId: 'count', direction: 'asc' }, columns[0]!)).toEqual({ columnId: 'name', direction: 'asc' });
  });
});

describe('sortRows', () => {
  it('sorts text case-insensitively and numbers beyond 2^53 exactly', () => {
    expect(names(sortRows(rows, columns, { columnId: 'name', direction: 'asc' }))).toEqual(['Ap/coupa-apac', 'ap/coupa-eu', 'bank/ing', 'erp/sap-s4']);
    expect(names(sortRows(rows, columns, { columnId: 'count', direction: 'desc' }))).toEqual(['bank/ing', 'erp/sap-s4', 'ap/coupa-eu', 'Ap/coupa-apac']);
  });

  it('keeps equal rows in their original order in both directions', () => {
    const asc = names(sortRows(rows, columns, { columnId: 'count', direction: 'asc' }));
    expect(asc.slice(0, 2)).toEqual(['ap/coupa-eu', 'Ap/coupa-apac']);
  });

  it('puts rows without a value last whatever the direction', () => {
    expect(names(sortRows(rows, columns, { columnId: 'seen', direction: 'asc' })).at(-1)).toBe('ap/coupa-eu');
    expect(names(sortRows(rows, columns, { columnId: 'seen', direction: 'desc' })).at(-1)).toBe('ap/coupa-eu');
  });

  it('leaves the order alone for no sort, an unsortable column or an unknown one, and never mutates its input', () => {
    const before = [...rows];
    expect(sortRows(rows, columns, null)).toEqual(rows);
    expect(sortRows(rows, columns, { columnId: 'note', direction: 'asc' })).toEqual(rows);
    expect(sortRows(rows, columns, { columnId: 'nope', direction: 'asc' })).toEqual(rows);
    sortRows(rows, columns, { columnId: 'name', direction: 'asc' });
    expect(rows).toEqual(before);
  });
});

describe('ariaSortFor', () => {
  it('marks only the sorted column', () => {
    const sort = { columnId: 'count', direction: 'desc' } as const;
    expect(ariaSortFor(sort, 'count')).toBe('descending');
    expect(ariaSortFor({ ...sort, direction: 'asc' }, 'count')).toBe('ascending');
    expect(ariaSortFor(sort, 'name')).toBe('none');
    expect(ariaSortFor(null, 'name')).toBe('none');
  });
});

describe('sort URL parameter', () => {
  it('round-trips and refuses columns the table does not have', () => {
    const ids = ['name', 'count'];
    expect(parseSortParam(formatSortParam({ columnId: 'count', direction: 'asc' }), ids)).toEqual({ columnId: 'count', direction: 'asc' });
    expect(formatSortParam(null)).toBeUndefined();
    for (const bad of [undefined, '', 'count', 'count:up', 'secret:asc', 'name:asc;drop']) expect(parseSortParam(bad, ids)).toBeNull();
  });
});
