// The embedded engine's CPU priority. On a small machine the engine's merges and views compete
// with ingest's acknowledgements and the API for the same cores; a higher nice value lets the
// latency-sensitive processes run first while the engine takes whatever is left. Set before
// any thread starts: Linux applies nice per thread, and new threads inherit their creator's.
import { getPriority, setPriority } from 'node:os';

export const defaultEngineNice = 10;

/** The nice value EMBEDDED_CLICKHOUSE_NICE asks for, or an error naming the variable and the reason. */
export function engineNice(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultEngineNice;
  const nice = Number(value);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) {
    throw new Error(`EMBEDDED_CLICKHOUSE_NICE=${JSON.stringify(value)}: must be a whole number from 0 (same priority as the rest) to 19 (lowest). Example: EMBEDDED_CLICKHOUSE_NICE=10`);
  }
  return nice;
}

/** Lowers this process's priority to `nice` (never raises it: that needs privileges). */
export function applyEngineNice(nice: number): void {
  if (getPriority() < nice) setPriority(nice);
}
