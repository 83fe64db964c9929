// Sorting for DataTable: which way a header click turns the sort, a stable sort of rows by a
// column's value, and the sort as a URL parameter ("received:desc").
import type { SortValue, TableColumn } from './table-column.ts';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** The sort after clicking a column's header: first its first direction, then flip. */
export function nextSort(current: SortState | null, column: Pick<TableColumn<unknown>, 'id' | 'firstDirection'>): SortState {
  if (current?.columnId === column.id) return { columnId: column.id, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { columnId: column.id, direction: column.firstDirection ?? 'asc' };
}

/** Orders two sort values ascending; null is handled by the caller. */
export function compareSortValues(a: Exclude<SortValue, null>, b: Exclude<SortValue, null>): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  if (typeof a === 'string' || typeof b === 'string') return String(a).localeCompare(String(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy of rows (stable: equal rows keep their order); unsortable or unknown columns leave it as is. */
export function sortRows<T>(rows: readonly T[], columns: readonly TableColumn<T>[], sort: SortState | null): T[] {
  const column = sort === null ? undefined : columns.find((c) => c.id === sort.columnId);
  const sortValue = column?.sortValue;
  if (sort === null || sortValue === undefined) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      return sign * compareSortValues(a.value, b.value) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** aria-sort for a sortable column's header. */
export function ariaSortFor(sort: SortState | null, columnId: string): 'ascending' | 'descending' | 'none' {
  if (sort?.columnId !== columnId) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/** Reads "column:asc|desc"; anything else (or a column not in the list) is no sort. */
export function parseSortParam(value: string | undefined, columnIds: readonly string[]): SortState | null {
  const match = /^([\w-]+):(asc|desc)$/.exec(value ?? '');
  if (match === null || !columnIds.includes(match[1]!)) return null;
  return { columnId: match[1]!, direction: match[2] as SortDirection };
}

export function formatSortParam(sort: SortState | null): string | undefined {
  return sort === null ? undefined : `${sort.columnId}:${sort.direction}`;
}
