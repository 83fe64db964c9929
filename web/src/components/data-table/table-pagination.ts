// Paging for DataTable: where a page starts, the "26–50 of 312" label, and reading page and
// page size from the URL without trusting them.
import { formatCount } from '../format-count.ts';

export const pageSizeOptions = [10, 25, 50, 100] as const;
export const defaultPageSize = 25;

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Rows in all pages. */
  total: number;
}

export interface PageWindow {
  /** Rows to skip before this page. */
  offset: number;
  /** 1-based index of the first and last row shown; 0 and 0 when there are none. */
  first: number;
  last: number;
  pageCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** "26–50 of 312", or "0 of 0". */
  label: string;
}

export function pageWindow({ page, pageSize, total }: PageRequest, locale?: string): PageWindow {
  const offset = (page - 1) * pageSize;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total > offset ? offset + 1 : 0;
  const last = first === 0 ? 0 : Math.min(offset + pageSize, total);
  const count = (n: number) => formatCount(String(n), locale);
  return {
    offset,
    first,
    last,
    pageCount,
    hasPrevious: page > 1,
    hasNext: offset + pageSize < total,
    label: first === 0 ? `0 of ${count(total)}` : `${count(first)}–${count(last)} of ${count(total)}`,
  };
}

/** The rows of one page, for tables that hold every row in memory. */
export function paginate<T>(rows: readonly T[], page: number, pageSize: number): T[] {
  const offset = (page - 1) * pageSize;
  return rows.slice(offset, offset + pageSize);
}

/** The last page that has rows (1 when there are none), to step back after rows disappear. */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A 1-based page number from the URL; anything else is page 1. */
export function parsePage(value: string | undefined): number {
  if (value === undefined || !/^\d{1,6}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

/** A page size from the URL, only if it is one the table offers. */
export function parsePageSize(value: string | undefined, fallback: number = defaultPageSize): number {
  const size = Number(value);
  return (pageSizeOptions as readonly number[]).includes(size) ? size : fallback;
}
