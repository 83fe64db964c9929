// "Updated 14:03:12" under a figure, so a stale number is recognisable as such.
interface LastUpdatedProps {
  /** Epoch milliseconds of the last successful fetch; 0 means never. */
  at: number;
  refreshing: boolean;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function LastUpdated({ at, refreshing }: LastUpdatedProps) {
  if (at === 0) return null;
  return (
    <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="last-updated">
      Updated {timeFormat.format(at)}
      {refreshing ? ' · refreshing…' : ''}
    </span>
  );
}
