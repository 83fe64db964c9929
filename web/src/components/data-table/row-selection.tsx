// Checkboxes for picking rows to act on together: one per row, and one that selects every
// selectable row on the page (indeterminate when only some are).
import { useEffect, useRef } from 'react';

export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** Rows that cannot be acted on get no checkbox. */
  canSelect?: (row: T) => boolean;
  /** Accessible name of a row's checkbox, e.g. "Select record ap-77812". */
  label: (row: T) => string;
}

const checkbox =
  'h-4 w-4 cursor-pointer rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background';

export function RowCheckbox<T>({ row, rowKey, selection }: { row: T; rowKey: string; selection: RowSelection<T> }) {
  if (!(selection.canSelect?.(row) ?? true)) return null;
  return (
    <input
      type="checkbox"
      className={checkbox}
      aria-label={selection.label(row)}
      checked={selection.selected.has(rowKey)}
      onClick={(event) => event.stopPropagation()}
      onChange={(event) => {
        const next = new Set(selection.selected);
        if (event.target.checked) next.add(rowKey);
        else next.delete(rowKey);
        selection.onChange(next);
      }}
    />
  );
}

export function SelectAllCheckbox<T>({ rows, rowKey, selection }: { rows: readonly T[]; rowKey: (row: T) => string; selection: RowSelection<T> }) {
  const keys = rows.filter((row) => selection.canSelect?.(row) ?? true).map(rowKey);
  const chosen = keys.filter((key) => selection.selected.has(key)).length;
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && chosen < keys.length;
  }, [chosen, keys.length]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={checkbox}
      aria-label="Select all on this page"
      disabled={keys.length === 0}
      checked={keys.length > 0 && chosen === keys.length}
      onChange={(event) => {
        const next = new Set(selection.selected);
        for (const key of keys) {
          if (event.target.checked) next.add(key);
          else next.delete(key);
        }
        selection.onChange(next);
      }}
    />
  );
}
