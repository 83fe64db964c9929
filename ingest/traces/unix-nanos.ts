// OTLP timestamps (unsigned nanoseconds since the Unix epoch, as decimal strings or JSON
// numbers) read exactly with BigInt and written as ClickHouse DateTime64(9) text.

/** Latest instant stored (exclusive): the end of 2199, as for finance event times. */
export const latestNanos = BigInt(Date.UTC(2200, 0, 1)) * 1_000_000n;

/** The timestamp as nanoseconds, or a reason it is not one ingest can store. */
export function readUnixNanos(raw: unknown): bigint | { problem: string } {
  let nanos: bigint;
  if (typeof raw === 'string' && /^\d{1,20}$/.test(raw)) nanos = BigInt(raw);
  else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) nanos = BigInt(raw);
  else if (raw === undefined || raw === null) return { problem: 'is required (nanoseconds since the Unix epoch)' };
  else return { problem: 'must be nanoseconds since the Unix epoch, as a decimal string or an integer' };
  if (nanos === 0n) return { problem: 'is 0 (unset); it must be nanoseconds since the Unix epoch' };
  if (nanos >= latestNanos) return { problem: `${nanos} is after 2199-12-31, beyond what is stored` };
  return nanos;
}

/** 'YYYY-MM-DD hh:mm:ss.nnnnnnnnn' in UTC, for DateTime64(9, 'UTC') under date_time_input_format=basic. */
export function toClickHouseDateTime64Nanos(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0');
  // Whole seconds fit a double exactly; the nanoseconds never pass through one.
  const wholeSeconds = new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return `${wholeSeconds}.${fraction}`;
}
