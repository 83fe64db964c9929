// A table users can drive from the keyboard: sort by header buttons (aria-sort), rows that take
// focus (↑/↓ move, Enter opens, Space selects), optional checkboxes, and a pager below. It shows
// the rows it is given; sorting and paging happen in the caller (in memory or on the server).
import type { KeyboardEvent } from 'react';
import { SortHeader } from './sort-header.tsx';
import type { TableColumn } from './table-column.ts';
import { TablePager, type TablePagerProps } from './table-pager.tsx';
import type { SortState } from './table-sort.ts';
import { RowCheckbox, SelectAllCheckbox, type RowSelection } from './row-selection.tsx';

export interface DataTableProps<T> {
  /** Accessible name of the table. */
  caption: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  sort: SortState | null;
  onSortChange: (sort: SortState) => void;
  onOpenRow?: (row: T) => void;
  /** The row shown in a detail panel, highlighted. */
  activeRowKey?: string | null;
  selection?: RowSelection<T>;
  pager?: TablePagerProps;
  /** True while the rows are a previous answer and a new one is loading. */
  stale?: boolean;
  /** A row that needs attention (e.g. a failing or stale feed): tinted, marked data-attention. */
  needsAttention?: (row: T) => boolean;
  testId?: string;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, rows, rowKey, sort, onSortChange, onOpenRow, activeRowKey, selection, pager, stale = false, testId, needsAttention } = props;

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, row: T) {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' && onOpenRow) {
      event.preventDefault();
      onOpenRow(row);
    } else if (event.key === ' ' && selection && (selection.canSelect?.(row) ?? true)) {
      event.preventDefault();
      const next = new Set(selection.selected);
      const key = rowKey(row);
      if (!next.delete(key)) next.add(key);
      selection.onChange(next);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const sibling = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (sibling instanceof HTMLElement) sibling.focus();
    }
  }

  return (
    <div data-testid={testId} aria-busy={stale}>
      <div className={`overflow-x-auto transition-opacity ${stale ? 'opacity-60' : ''}`}>
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-tremor-border dark:border-dark-tremor-border">
            <tr>
              {selection && (
                <th scope="col" className="w-10 px-3 py-2">
                  <SelectAllCheckbox rows={rows} rowKey={rowKey} selection={selection} />
                </th>
              )}
              {columns.map((column) => (
                <SortHeader key={column.id} column={column} sort={sort} onSortChange={onSortChange} />
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            {rows.map((row) => {
              const key = rowKey(row);
              const active = key === activeRowKey;
              const attention = needsAttention?.(row) ?? false;
              return (
                <tr
                  key={key}
                  data-row-key={key}
                  data-attention={attention || undefined}
                  tabIndex={0}
                  aria-selected={selection ? selection.selected.has(key) : undefined}
                  onClick={onOpenRow ? () => onOpenRow(row) : undefined}
                  onKeyDown={(event) => onRowKeyDown(event, row)}
                  className={`align-top outline-none focus-visible:bg-tremor-brand-faint focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-tremor-brand dark:focus-visible:bg-dark-tremor-brand-faint ${
                    onOpenRow ? 'cursor-pointer hover:bg-tremor-background-muted dark:hover:bg-dark-tremor-background-subtle/60' : ''
                  } ${active ? 'bg-tremor-brand-faint dark:bg-dark-tremor-brand-faint' : attention ? 'bg-rose-50 dark:bg-rose-950/40' : ''}`}
                >
                  {selection && (
                    <td className="w-10 px-3 py-2">
                      <RowCheckbox row={row} rowKey={key} selection={selection} />
                    </td>
                  )}
                  {columns.map((column) => (
                    <td
                      key={column.id}
                      className={`px-3 py-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis ${
                        column.align === 'right' ? 'text-right tabular-nums' : ''
                      } ${column.className ?? ''}`}
                    >
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pager && <TablePager {...pager} />}
    </div>
  );
}
