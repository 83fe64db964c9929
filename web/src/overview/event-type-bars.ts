// Maps events.countsByType rows to what the "Events received" card draws: a total and one
// bar per type, largest first. All arithmetic on counts is BigInt; nothing goes through a float.
import { formatCount } from '../components/format-count.ts';
import type { ApiOutputs } from '../lib/trpc.ts';

export type EventTypeCount = ApiOutputs['events']['countsByType'][number];

export interface EventTypeBar {
  type: string;
  /** Exact count as received (decimal string). */
  count: string;
  countLabel: string;
  /** Bar length relative to the largest type, 0–1000; any non-zero count gets a visible sliver. */
  widthPermille: number;
}

export interface EventsReceived {
  total: string;
  totalLabel: string;
  bars: EventTypeBar[];
}

const fullWidth = 1000n;
const minimumVisible = 10n;

function parseCount(row: EventTypeCount): bigint {
  if (!/^\d+$/.test(row.events)) {
    throw new Error(`events.countsByType returned ${JSON.stringify(row.events)} for type "${row.type}", expected a non-negative integer`);
  }
  return BigInt(row.events);
}

function widthPermille(count: bigint, largest: bigint): number {
  if (count === 0n || largest === 0n) return 0;
  const scaled = (count * fullWidth) / largest;
  return Number(scaled < minimumVisible ? minimumVisible : scaled);
}

export function toEventsReceived(rows: readonly EventTypeCount[], locale?: string): EventsReceived {
  const counted = rows.map((row) => ({ type: row.type, value: parseCount(row) }));
  counted.sort((a, b) => (a.value === b.value ? a.type.localeCompare(b.type) : a.value > b.value ? -1 : 1));
  const largest = counted[0]?.value ?? 0n;
  const total = counted.reduce((sum, row) => sum + row.value, 0n).toString();
  return {
    total,
    totalLabel: formatCount(total, locale),
    bars: counted.map(({ type, value }) => {
      const count = value.toString();
      return { type, count, countLabel: formatCount(count, locale), widthPermille: widthPermille(value, largest) };
    }),
  };
}
