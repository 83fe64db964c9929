// Columns of the per-source freshness table: events in the window, last event and its age
// against the source's usual rhythm, and quarantined records linked to the quarantine.
import { Badge } from '@tremor/react';
import { Link } from 'react-router-dom';
import type { TableColumn } from '../components/data-table/table-column.ts';
import type { SourceFreshness } from './source-freshness.ts';

const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';
const alarm = 'font-medium text-rose-700 dark:text-rose-400';

export function sourceFreshnessColumns(quarantineHref: (source: SourceFreshness) => string): TableColumn<SourceFreshness>[] {
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
      sortValue: (s) => (s.quietBeforeWindow ? 0 : s.stale ? 1 : 2),
      cell: (s) =>
        s.quietBeforeWindow ? (
          <Badge size="xs" color="red" title="Sent nothing in the whole window" data-testid="quiet-badge">quiet all window</Badge>
        ) : s.stale ? (
          <Badge size="xs" color="red" title={`Nothing for longer than ${s.staleAfterLabel}`} data-testid="freshness-stale-badge">stale</Badge>
        ) : (
          <Badge size="xs" color="emerald">fresh</Badge>
        ),
    },
    { id: 'events', header: 'Events', align: 'right', firstDirection: 'desc', sortValue: (s) => s.events, cell: (s) => <span data-testid="source-events">{s.events.toLocaleString()}</span> },
    {
      id: 'freshness',
      header: 'Last event',
      firstDirection: 'desc',
      sortValue: (s) => s.freshnessS,
      className: 'whitespace-nowrap',
      cell: (s) => (
        <>
          <span className={s.attention ? alarm : ''}>{s.freshnessLabel}</span>
          <span className={`block ${muted}`}>{s.lastEventLabel}</span>
        </>
      ),
    },
    {
      id: 'rhythm',
      header: 'Usual rhythm',
      className: 'hidden lg:table-cell',
      cell: (s) => (
        <>
          {s.typicalGapLabel}
          <span className={`block ${muted}`}>stale after {s.staleAfterLabel}</span>
        </>
      ),
    },
    {
      id: 'quarantined',
      header: 'Quarantined',
      align: 'right',
      firstDirection: 'desc',
      sortValue: (s) => s.quarantined,
      cell: (s) =>
        s.hasQuarantine ? (
          <Link
            to={quarantineHref(s)}
            onClick={(event) => event.stopPropagation()}
            className="font-medium text-rose-700 underline-offset-2 hover:underline dark:text-rose-400"
            title={s.quarantineFilterable ? `Open the quarantine filtered to ${s.source}` : 'The source of these records could not be verified; open the whole quarantine'}
            data-testid="source-quarantined"
          >
            {s.quarantined.toLocaleString()}
          </Link>
        ) : (
          <span className={muted} data-testid="source-quarantined">0</span>
        ),
    },
  ];
}
