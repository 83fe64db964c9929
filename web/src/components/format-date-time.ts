// Dates as people read them, with the zone always shown ("26 Nov 2026, 06:29 UTC"). The
// warehouse answers 'YYYY-MM-DD hh:mm:ss.sss' in UTC; this turns that into an instant first.

const warehouseTime = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Epoch milliseconds of a warehouse UTC timestamp, or null when the text is not one. */
export function parseWarehouseTime(text: string): number | null {
  const m = warehouseTime.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, fraction = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
  return Number.isNaN(ms) ? null : ms;
}

export interface DateTimeOptions {
  /** IANA zone to show the time in; UTC until entity time zones reach the API. */
  timeZone?: string;
  seconds?: boolean;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${seconds}`;
  let format = formats.get(key);
  if (format === undefined) {
    // en-GB gives "26 Nov 2026, 06:29": day first, unambiguous month, 24-hour clock.
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      timeZone,
    });
    formats.set(key, format);
  }
  return format;
}

/** "26 Nov 2026, 06:29 UTC" for an instant in epoch milliseconds. */
export function formatDateTime(ms: number, options: DateTimeOptions = {}): string {
  const timeZone = options.timeZone ?? 'UTC';
  return `${formatFor(timeZone, options.seconds ?? false).format(ms)} ${timeZone}`;
}

/** A warehouse timestamp for display; text that is not one is shown as received. */
export function formatWarehouseTime(text: string, options: DateTimeOptions = {}): string {
  const ms = parseWarehouseTime(text);
  return ms === null ? text : formatDateTime(ms, options);
}
