// What a DataTable column is: a header, how to draw a cell, and (optionally) what to sort by.
import type { ReactNode } from 'react';
import type { SortDirection } from './table-sort.ts';

/** A value a column sorts by; null sorts last whatever the direction. */
export type SortValue = string | number | bigint | null;

export interface TableColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** What the column sorts by; a column without it is not sortable. */
  sortValue?: (row: T) => SortValue;
  /** Direction of the first click (counts and dates usually read best largest/newest first). */
  firstDirection?: SortDirection;
  align?: 'left' | 'right';
  /** Extra classes for the header and cells, e.g. to hide a column on narrow screens. */
  className?: string;
}
