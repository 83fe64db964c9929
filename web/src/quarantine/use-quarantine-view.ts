// The quarantine page's state as it lives in the URL: filters, page, page size, sort and the
// open record, with setters that keep the URL consistent (a new filter starts at page 1).
import { useMemo } from 'react';
import { formatSortParam, type SortState } from '../components/data-table/table-sort.ts';
import { useUrlFilters } from '../url-state/use-url-filters.ts';
import { parseQuarantineView, quarantineFilterKeys, quarantineParamKeys, type QuarantineView } from './quarantine-filters.ts';

export type ListFilterPatch = { [key in (typeof quarantineFilterKeys)[number]]?: string | undefined };

export function useQuarantineView(sortableColumns: readonly string[]) {
  const { values, set } = useUrlFilters(quarantineParamKeys);
  const view: QuarantineView = useMemo(() => parseQuarantineView(values, sortableColumns), [values, sortableColumns]);
  return {
    view,
    setFilters: (patch: ListFilterPatch) => set(patch, { reset: ['page'] }),
    /** Clears the list filters, and with andPeriod the global period too (one history entry). */
    clearFilters: (options: { andPeriod?: boolean } = {}) =>
      set({ channel: undefined, source: undefined, status: undefined, errorPath: undefined }, { reset: options.andPeriod ? ['page', 'period', 'from', 'to'] : ['page'] }),
    setPage: (page: number) => set({ page: page > 1 ? String(page) : undefined }),
    setPageSize: (size: number) => set({ size: String(size) }, { reset: ['page'] }),
    setSort: (sort: SortState | null) => set({ sort: formatSortParam(sort) }, { replace: true }),
    openRecord: (id: string | undefined) => set({ open: id }),
  };
}
