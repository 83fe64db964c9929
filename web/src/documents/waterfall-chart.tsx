// The waterfall: one row per event or span, a bar on the shared time axis (a dot-wide sliver
// for an instant), labelled with its system, what it was and how long it took. Times are
// shown in the entity's time zone, zone named.
import { formatDateTime } from '../components/format-date-time.ts';
import type { Waterfall } from './waterfall.ts';

export function WaterfallChart({ waterfall, timeZone }: { waterfall: Waterfall; timeZone: string }) {
  // Within a day a tick needs only the time; across days it needs the date too (never the year).
  const multiDay = waterfall.endMs - waterfall.startMs > 20 * 3_600_000;
  const tickLabel = (ms: number) => {
    const text = formatDateTime(ms, { timeZone, seconds: !multiDay });
    return multiDay ? text.replace(/ \d{4},/, ',') : text.replace(/^\d+ \w+ \d{4}, /, '');
  };
  return (
    <div data-testid="timeline-waterfall" role="table" aria-label="Events and spans on a time axis">
      <div role="row" className="grid grid-cols-[minmax(10rem,18rem)_1fr_6rem] gap-3 border-b border-tremor-border pb-1 text-tremor-label text-tremor-content dark:border-dark-tremor-border dark:text-dark-tremor-content">
        <span role="columnheader">System · step</span>
        <span role="columnheader" className="relative h-4">
          {waterfall.ticks.map((tick, i) => (
            <span
              key={tick.atMs}
              className="absolute whitespace-nowrap"
              style={i === waterfall.ticks.length - 1 ? { right: 0 } : { left: `${tick.leftPct}%`, transform: i === 0 ? undefined : 'translateX(-50%)' }}
            >
              {tickLabel(tick.atMs)}
            </span>
          ))}
        </span>
        <span role="columnheader" className="text-right">Took</span>
      </div>
      {waterfall.bars.map((bar) => (
        <div
          role="row"
          key={`${bar.kind}:${bar.id}`}
          data-testid="waterfall-bar"
          data-kind={bar.kind}
          className="grid grid-cols-[minmax(10rem,18rem)_1fr_6rem] items-center gap-3 border-b border-tremor-border/50 py-1 text-tremor-default dark:border-dark-tremor-border/50"
        >
          <span role="cell" className="min-w-0 truncate text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" title={`${bar.lane} · ${bar.label}`}>
            <span className="text-tremor-content dark:text-dark-tremor-content">{bar.lane} · </span>
            {bar.label}
          </span>
          <span role="cell" className="relative h-5 rounded-tremor-small bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle" title={formatDateTime(bar.startMs, { timeZone, seconds: true })}>
            <span
              className={`absolute inset-y-0.5 rounded-tremor-small ${bar.kind === 'event' ? 'bg-amber-500' : bar.failed ? 'bg-rose-500' : 'bg-tremor-brand dark:bg-dark-tremor-brand'}`}
              style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%`, minWidth: bar.kind === 'event' ? '0.375rem' : '0.25rem' }}
            />
          </span>
          <span role="cell" className="text-right tabular-nums text-tremor-content dark:text-dark-tremor-content">{bar.durationLabel}</span>
        </div>
      ))}
      <p className="mt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        <span className="mr-1 inline-block h-2 w-2 rounded-full bg-amber-500" /> event received from a system ·{' '}
        <span className="mx-1 inline-block h-2 w-4 rounded-sm bg-tremor-brand" /> span that carried it ·{' '}
        <span className="mx-1 inline-block h-2 w-4 rounded-sm bg-rose-500" /> failed span. Axis from {formatDateTime(waterfall.startMs, { timeZone, seconds: true })}.
      </p>
    </div>
  );
}
