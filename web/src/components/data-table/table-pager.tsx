// Below a table: rows per page, "26–50 of 312", and previous/next page.
import { pageSizeOptions, pageWindow } from './table-pagination.ts';

export interface TablePagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}

const pagerButton =
  'rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand disabled:cursor-not-allowed disabled:opacity-40 dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle';

export function TablePager({ page, pageSize, total, onPageChange, onPageSizeChange }: TablePagerProps) {
  const range = pageWindow({ page, pageSize, total });
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-tremor-border px-3 py-2 dark:border-dark-tremor-border">
      <label className="flex items-center gap-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Rows per page
        <select
          value={pageSize}
          onChange={(event) => onPageSizeChange(Number(event.target.value))}
          className="rounded-tremor-small border-tremor-border bg-tremor-background py-1 pl-2 pr-8 text-tremor-default text-tremor-content-emphasis dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis"
          data-testid="page-size"
        >
          {pageSizeOptions.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-center gap-3">
        <span className="text-tremor-default tabular-nums text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" data-testid="page-range" data-total={total} aria-live="polite">
          {range.label}
        </span>
        <button type="button" className={pagerButton} disabled={!range.hasPrevious} onClick={() => onPageChange(page - 1)} aria-label="Previous page">
          ‹ Prev
        </button>
        <button type="button" className={pagerButton} disabled={!range.hasNext} onClick={() => onPageChange(page + 1)} aria-label="Next page">
          Next ›
        </button>
      </div>
    </div>
  );
}
