// The window of bucket starts a forecast variance is reported over: the requested from/to, or
// by default the last 8 buckets up to the one containing the as-of date (UTC date of asOf).
// Pure date arithmetic on calendar dates (no money, no time zones).
import type { ForecastBucket } from '../../../sql/queries/forecast-local-time.sql.ts';

export const defaultBucketCount = 8;
/** The most buckets one request may cover. */
export const maxBuckets = 400;

const dayMs = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The start of the bucket a YYYY-MM-DD date falls in. */
export function bucketStart(bucket: ForecastBucket, date: string): string {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(msOf(date)).getUTCDay() + 6) % 7; // Monday = 0
  return toDate(msOf(date) - weekday * dayMs);
}

/** The bucket start `count` buckets before (negative: after) a bucket start. */
export function bucketsBefore(bucket: ForecastBucket, start: string, count: number): string {
  if (bucket === 'month') {
    const d = new Date(msOf(start));
    d.setUTCMonth(d.getUTCMonth() - count);
    return toDate(d.getTime());
  }
  return toDate(msOf(start) - count * (bucket === 'week' ? 7 : 1) * dayMs);
}

/** How many bucket starts lie in [from, to] (from and to need not be bucket starts). */
export function bucketCount(bucket: ForecastBucket, from: string, to: string): number {
  if (to < from) return 0;
  if (bucket === 'month') {
    const months = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
    return months(to) - months(from) + (from.endsWith('-01') ? 1 : 0);
  }
  const first = bucketStart(bucket, from) === from ? from : bucketsBefore(bucket, bucketStart(bucket, from), -1);
  return first > to ? 0 : Math.floor((msOf(to) - msOf(first)) / ((bucket === 'week' ? 7 : 1) * dayMs)) + 1;
}

/** from/to as given, defaults filled in from the as-of instant. */
export function forecastWindow(bucket: ForecastBucket, asOfMs: number, from?: string, to?: string): { from: string; to: string } {
  const end = to ?? bucketStart(bucket, toDate(asOfMs));
  const start = from ?? bucketsBefore(bucket, bucketStart(bucket, end), defaultBucketCount - 1);
  return { from: start, to: end };
}
