// The page of refused records as a table: sortable headers, rows that open the detail panel,
// checkboxes for batch replay, and the pager. The server pages newest first; a column sort
// reorders the rows of the page on screen, and the table says so.
import { DataTable } from '../components/data-table/data-table.tsx';
import type { TablePagerProps } from '../components/data-table/table-pager.tsx';
import { sortRows, type SortState } from '../components/data-table/table-sort.ts';
import { quarantineColumns } from './quarantine-columns.tsx';
import type { QuarantineRecord } from './quarantine-record.ts';

interface QuarantineTableProps {
  records: readonly QuarantineRecord[];
  sort: SortState | null;
  onSortChange: (sort: SortState | null) => void;
  openId: string | undefined;
  onOpen: (record: QuarantineRecord) => void;
  selected: ReadonlySet<string>;
  onSelectedChange: (next: Set<string>) => void;
  pager: TablePagerProps;
  stale: boolean;
}

export function QuarantineTable({ records, sort, onSortChange, openId, onOpen, selected, onSelectedChange, pager, stale }: QuarantineTableProps) {
  const sortedColumn = quarantineColumns.find((c) => c.id === sort?.columnId);
  return (
    <>
      {sortedColumn && (
        <p className="px-3 pt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="page-sort-note">
          Sorted by {sortedColumn.header.toLowerCase()} within this page; pages run newest first.{' '}
          <button type="button" className="text-tremor-brand hover:underline dark:text-dark-tremor-brand" onClick={() => onSortChange(null)}>
            Back to newest first
          </button>
        </p>
      )}
      <DataTable
        caption="Refused records, newest first"
        columns={quarantineColumns}
        rows={sortRows(records, quarantineColumns, sort)}
        rowKey={(r) => r.id}
        sort={sort}
        onSortChange={onSortChange}
        onOpenRow={onOpen}
        activeRowKey={openId}
        selection={{
          selected,
          onChange: onSelectedChange,
          canSelect: (r) => r.notReplayable === null,
          label: (r) => `Select ${r.eventId || r.id}`,
        }}
        pager={pager}
        stale={stale}
        testId="quarantine-table"
      />
    </>
  );
}
