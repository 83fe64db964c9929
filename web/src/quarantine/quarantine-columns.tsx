// The quarantine table's columns: when, from where, what, why, and where it stands.
import { Badge } from '@tremor/react';
import type { TableColumn } from '../components/data-table/table-column.ts';
import type { QuarantineRecord } from './quarantine-record.ts';

export function StatusBadge({ record }: { record: QuarantineRecord }) {
  return (
    <Badge size="xs" color={record.statusColor} data-testid="record-status" data-status={record.status}>
      {record.statusLabel}
    </Badge>
  );
}

const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

export const quarantineColumns: readonly TableColumn<QuarantineRecord>[] = [
  {
    id: 'received',
    header: 'Received',
    sortValue: (r) => r.receivedAt,
    firstDirection: 'desc',
    className: 'whitespace-nowrap',
    cell: (r) => <span title={r.receivedExactLabel}>{r.receivedLabel}</span>,
  },
  {
    id: 'source',
    header: 'Source',
    sortValue: (r) => r.sourceLabel,
    cell: (r) => (
      <>
        <span className="block max-w-[14rem] truncate" title={r.sourceLabel}>
          {r.sourceLabel}
        </span>
        {r.channel !== 'events' && <span className={`block ${muted}`}>{r.channel}</span>}
        {/* The event column is hidden on narrower screens; keep the type in view here. */}
        <span className={`block max-w-[14rem] truncate xl:hidden ${muted}`} title={r.eventType}>
          {r.eventType || '(no type)'}
        </span>
      </>
    ),
  },
  {
    id: 'event',
    header: 'Event',
    sortValue: (r) => r.eventType || null,
    className: 'hidden xl:table-cell',
    cell: (r) => (
      <>
        <span className="block max-w-[16rem] truncate" title={r.eventType}>
          {r.eventType || '(no type)'}
        </span>
        <span className={`block max-w-[16rem] truncate font-mono ${muted}`} title={r.eventId}>
          {r.eventId || '(no id)'}
        </span>
      </>
    ),
  },
  {
    id: 'reason',
    header: 'Reason',
    sortValue: (r) => r.reasons[0]?.path ?? null,
    cell: (r) => {
      const [first, ...rest] = r.reasons;
      if (first === undefined) return <span className={muted}>{r.status === 'replayed' ? 'none open' : 'none recorded'}</span>;
      return (
        <span className="flex min-w-0 flex-wrap items-baseline gap-x-2" data-testid="record-reason">
          <code className="font-mono text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">{first.path}</code>
          <span className="line-clamp-1 max-w-md break-all" title={first.message}>
            {first.message}
          </span>
          {rest.length > 0 && <span className={muted}>+{rest.length} more</span>}
        </span>
      );
    },
  },
  {
    id: 'status',
    header: 'Status',
    sortValue: (r) => r.statusLabel,
    cell: (r) => <StatusBadge record={r} />,
  },
];

export const sortableQuarantineColumns: readonly string[] = quarantineColumns.filter((c) => c.sortValue).map((c) => c.id);
