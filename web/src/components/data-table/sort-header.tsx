// A column header: a button that sorts by the column, with aria-sort on the cell so screen
// readers announce the order.
import type { TableColumn } from './table-column.ts';
import { ariaSortFor, nextSort, type SortState } from './table-sort.ts';

interface SortHeaderProps<T> {
  column: TableColumn<T>;
  sort: SortState | null;
  onSortChange: (sort: SortState) => void;
}

const headerCell = 'px-3 py-2 text-tremor-label font-semibold uppercase tracking-wide text-tremor-content dark:text-dark-tremor-content';

export function SortHeader<T>({ column, sort, onSortChange }: SortHeaderProps<T>) {
  const alignRight = column.align === 'right';
  const className = `${headerCell} ${alignRight ? 'text-right' : 'text-left'} ${column.className ?? ''}`;
  if (column.sortValue === undefined) {
    return (
      <th scope="col" className={className}>
        {column.header}
      </th>
    );
  }
  const ariaSort = ariaSortFor(sort, column.id);
  const arrow = ariaSort === 'ascending' ? '▲' : ariaSort === 'descending' ? '▼' : '↕';
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        onClick={() => onSortChange(nextSort(sort, column))}
        className={`inline-flex items-center gap-1 rounded-tremor-small uppercase tracking-wide hover:text-tremor-content-strong focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand dark:hover:text-dark-tremor-content-strong ${alignRight ? 'flex-row-reverse' : ''}`}
        data-testid={`sort-${column.id}`}
      >
        {column.header}
        <span aria-hidden="true" className={ariaSort === 'none' ? 'opacity-40' : 'text-tremor-brand dark:text-dark-tremor-brand'}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
