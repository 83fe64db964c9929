// Columns of the per-source table. The rejected count links to those records in the
// quarantine; a stale feed carries a red badge.
import { Badge } from '@tremor/react';
import { Link } from 'react-router-dom';
import type { TableColumn } from '../components/data-table/table-column.ts';
import { formatDuration } from '../components/format-duration.ts';
import type { IngestSource } from './ingest-sources.ts';
import { STALE_FEED_AFTER_MS } from './feed-staleness.ts';

const staleAfterLabel = formatDuration(STALE_FEED_AFTER_MS);
const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

export function ingestSourceColumns(quarantineHref: (source: IngestSource) => string): TableColumn<IngestSource>[] {
  return [
    {
      id: 'source',
      header: 'Source',
      sortValue: (s) => s.sourceLabel,
      cell: (s) => <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{s.sourceLabel}</span>,
    },
    {
      id: 'status',
      header: 'Feed',
      sortValue: (s) => (s.stale ? 0 : 1),
      cell: (s) =>
        s.stale ? (
          <Badge size="xs" color="red" title={`Nothing received for more than ${staleAfterLabel}`} data-testid="stale-badge">
            stale
          </Badge>
        ) : (
          <Badge size="xs" color="emerald">
            live
          </Badge>
        ),
    },
    {
      id: 'accepted',
      header: 'Accepted',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (s) => s.accepted.value,
      cell: (s) => <span data-testid="accepted" data-count={s.accepted.text}>{s.accepted.label}</span>,
    },
    {
      id: 'rejected',
      header: 'Rejected',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (s) => s.rejected.value,
      cell: (s) =>
        s.rejected.value === 0n ? (
          <span className={muted} data-testid="rejected" data-count={s.rejected.text}>
            {s.rejected.label}
          </span>
        ) : (
          <Link
            to={quarantineHref(s)}
            onClick={(event) => event.stopPropagation()}
            className="font-medium text-rose-700 underline-offset-2 hover:underline dark:text-rose-400"
            title={s.quarantineFilterable ? `Open the quarantine filtered to ${s.source}` : 'The source of these records could not be verified; open the whole quarantine'}
            data-testid="rejected"
            data-count={s.rejected.text}
          >
            {s.rejected.label}
          </Link>
        ),
    },
    {
      id: 'duplicates',
      header: 'Duplicates',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (s) => s.duplicates.value,
      cell: (s) => <span data-testid="duplicates" data-count={s.duplicates.text}>{s.duplicates.label}</span>,
    },
    {
      id: 'lastSeen',
      header: 'Last seen',
      firstDirection: 'desc',
      sortValue: (s) => s.lastSeenMs,
      className: 'whitespace-nowrap',
      cell: (s) => (
        <>
          <span className={s.stale ? 'font-medium text-rose-700 dark:text-rose-400' : ''}>{s.lastSeenLabel}</span>
          {s.ageLabel && <span className={`block ${muted}`}>{s.ageLabel}</span>}
        </>
      ),
    },
  ];
}
