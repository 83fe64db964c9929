// State for a table that holds all its rows in memory: sort and page kept locally, the rows of
// the current page derived. Server-paged tables keep this state in the URL instead.
import { useMemo, useState } from 'react';
import type { TableColumn } from './table-column.ts';
import { lastPage, paginate } from './table-pagination.ts';
import { sortRows, type SortState } from './table-sort.ts';

export function useClientTable<T>(rows: readonly T[], columns: readonly TableColumn<T>[], options: { defaultSort: SortState | null; pageSize: number }) {
  const [sort, setSort] = useState<SortState | null>(options.defaultSort);
  const [requestedPage, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(options.pageSize);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  // Rows can shrink under the user (a refresh); never show a page past the end.
  const page = Math.min(requestedPage, lastPage(sorted.length, pageSize));
  return {
    sort,
    setSort,
    visibleRows: paginate(sorted, page, pageSize),
    pager: {
      page,
      pageSize,
      total: sorted.length,
      onPageChange: setPage,
      onPageSizeChange: (size: number) => {
        setPageSize(size);
        setPage(1);
      },
    },
  };
}
