// A KPI's trend: the count now against the count a day earlier (the same metric evaluated
// as of then), as "+3 vs a day ago". Counts are BigInt; nothing goes through a float.
import { formatCount } from '../components/format-count.ts';

export interface KpiTrend {
  delta: string;
  label: string;
  /** For a risk count, up is bad. */
  direction: 'up' | 'down' | 'flat';
}

export function kpiTrend(now: string, before: string | undefined, sinceLabel = 'a day ago'): KpiTrend | null {
  if (before === undefined) return null;
  const delta = BigInt(now) - BigInt(before);
  const direction = delta > 0n ? 'up' : delta < 0n ? 'down' : 'flat';
  const sign = delta > 0n ? '+' : delta < 0n ? '−' : '±';
  const magnitude = formatCount((delta < 0n ? -delta : delta).toString());
  return { delta: delta.toString(), label: `${sign}${magnitude} vs ${sinceLabel}`, direction };
}
