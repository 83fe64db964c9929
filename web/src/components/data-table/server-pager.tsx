// Below a server-paged table: rows per page, "26–50" (and "of 312+" when more follow), and
// previous/next. The server answers { rows, hasMore }, so the total is not known.
import { pageSizeOptions } from './table-pagination.ts';
import { serverPageLabel } from './server-page-label.ts';

export interface ServerPagerProps {
  limit: number;
  offset: number;
  shown: number;
  hasMore: boolean;
  onOffsetChange: (offset: number) => void;
  onLimitChange: (limit: number) => void;
}

const pagerButton =
  'rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand disabled:cursor-not-allowed disabled:opacity-40 dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle';

export function ServerPager({ limit, offset, shown, hasMore, onOffsetChange, onLimitChange }: ServerPagerProps) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-tremor-border px-3 py-2 dark:border-dark-tremor-border">
      <label className="flex items-center gap-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Rows per page
        <select
          value={limit}
          onChange={(event) => onLimitChange(Number(event.target.value))}
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
        <span className="text-tremor-default tabular-nums text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" data-testid="page-range" aria-live="polite">
          {serverPageLabel(offset, shown, hasMore)}
        </span>
        <button type="button" className={pagerButton} disabled={offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - limit))} aria-label="Previous page">
          ‹ Prev
        </button>
        <button type="button" className={pagerButton} disabled={!hasMore} onClick={() => onOffsetChange(offset + limit)} aria-label="Next page">
          Next ›
        </button>
      </div>
    </div>
  );
}
