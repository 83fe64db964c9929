// "Updated 06:29:12 UTC" under a figure, so a stale number is recognisable as such. UTC with
// the zone shown, like every other time on the dashboard.
interface LastUpdatedProps {
  /** Epoch milliseconds of the last successful fetch; 0 means never. */
  at: number;
  refreshing: boolean;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

export function LastUpdated({ at, refreshing }: LastUpdatedProps) {
  if (at === 0) return null;
  return (
    <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="last-updated">
      Updated {timeFormat.format(at)} UTC
      {refreshing ? ' · refreshing…' : ''}
    </span>
  );
}
