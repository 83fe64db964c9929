// The pager both table kinds share: rows per page, the range label, and previous/next.
// TablePager (client-side rows, total known) and ServerPager (server-paged, total unknown)
// decide what the label says and where the buttons go.
import type { ReactNode } from 'react';
import { pageSizeOptions } from './table-pagination.ts';

export interface PagerFrameProps {
  pageSize: number;
  onPageSizeChange: (pageSize: number) => void;
  label: ReactNode;
  /** Extra attributes on the range label (e.g. data-total). */
  labelData?: Record<`data-${string}`, string | number>;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

const pagerButton =
  'rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand disabled:cursor-not-allowed disabled:opacity-40 dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle';

export function PagerFrame({ pageSize, onPageSizeChange, label, labelData, hasPrevious, hasNext, onPrevious, onNext }: PagerFrameProps) {
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
        <span className="text-tremor-default tabular-nums text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" data-testid="page-range" {...labelData} aria-live="polite">
          {label}
        </span>
        <button type="button" className={pagerButton} disabled={!hasPrevious} onClick={onPrevious} aria-label="Previous page">
          ‹ Prev
        </button>
        <button type="button" className={pagerButton} disabled={!hasNext} onClick={onNext} aria-label="Next page">
          Next ›
        </button>
      </div>
    </div>
  );
}
