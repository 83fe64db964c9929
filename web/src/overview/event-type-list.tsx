// One row per event type: a bar proportional to its count, the type, and the exact count.
import type { EventTypeBar } from './event-type-bars.ts';

export function EventTypeList({ bars }: { bars: readonly EventTypeBar[] }) {
  return (
    <div className="mt-6">
      <div className="flex justify-between text-tremor-label font-medium text-tremor-content dark:text-dark-tremor-content">
        <span>Event type</span>
        <span>Events</span>
      </div>
      <ul className="mt-2 space-y-1.5" aria-label="Events by type">
        {bars.map((bar) => (
          <li key={bar.type} data-testid="event-type-row" data-type={bar.type} data-count={bar.count} className="flex items-center gap-4">
            <div className="relative flex h-8 min-w-0 flex-1 items-center">
              <div
                aria-hidden="true"
                className="absolute inset-y-0 left-0 rounded-tremor-small bg-tremor-brand-subtle/30 dark:bg-dark-tremor-brand-subtle/60"
                style={{ width: `${bar.widthPermille / 10}%` }}
              />
              <span className="relative truncate px-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" title={bar.type}>
                {bar.type}
              </span>
            </div>
            <span className="text-tremor-default font-medium tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{bar.countLabel}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
