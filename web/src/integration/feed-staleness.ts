// When a feed or an ingest instance counts as gone quiet. A source that has sent nothing for
// an hour is stale (finance feeds batch, but hourly at least); an instance that has not
// reported its metrics for five minutes (it reports every ten seconds) has stopped.

export const STALE_FEED_AFTER_MS = 60 * 60_000;
export const SILENT_INSTANCE_AFTER_MS = 5 * 60_000;

/** True when the last sign of life is older than the threshold, or unknown. */
export function isQuiet(lastMs: number | null, nowMs: number, thresholdMs: number): boolean {
  return lastMs === null || nowMs - lastMs > thresholdMs;
}
