// Calendar arithmetic for the simulated company: local days and business hours in each
// entity's time zone, business days (weekends and a few common holidays off) and the
// RFC 3339 / ISO date formats the events carry.
import type { Rng } from './prng.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Per zone, the offset of each UTC day (index = days since 1970), filled on first use. */
const zones = new Map<string, number[]>();

/** UTC offset in minutes of a time zone on the UTC day containing utcMs (taken at noon). */
export function offsetMinutes(timeZone: string, utcMs: number): number {
  const day = Math.floor(utcMs / DAY);
  let byDay = zones.get(timeZone);
  if (!byDay) zones.set(timeZone, (byDay = []));
  let offset = byDay[day];
  if (offset === undefined) {
    offset = computeOffset(timeZone, day * DAY + 12 * HOUR);
    if (day >= 0 && day < maxCachedDay) byDay[day] = offset;
  }
  return offset;
}

function computeOffset(timeZone: string, utcMs: number): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) formatters.set(timeZone, (fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = fmt.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Days since 1970-01-01 in the zone's local calendar. */
export function localDay(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetMinutes(timeZone, ms) * MINUTE) / DAY);
}

/** The UTC instant of a local day at a minute of that day. */
export function localMs(day: number, minuteOfDay: number, timeZone: string): number {
  return day * DAY + minuteOfDay * MINUTE - offsetMinutes(timeZone, day * DAY) * MINUTE;
}

/** Minute of the local day (0–1439). */
export function localMinute(ms: number, timeZone: string): number {
  const local = ms + offsetMinutes(timeZone, ms) * MINUTE;
  return Math.floor((local - Math.floor(local / DAY) * DAY) / MINUTE);
}

export function isBusinessDay(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (weekday === 0 || weekday === 6) return false;
  const md = isoDate(day).slice(5);
  return md !== '01-01' && md !== '12-25' && md !== '12-26';
}

/** The first business day on or after `day`. */
export function businessDayOnOrAfter(day: number): number {
  while (!isBusinessDay(day)) day++;
  return day;
}

/** `n` business days after `day` (n ≥ 0; n = 0 gives the business day on or after). */
export function addBusinessDays(day: number, n: number): number {
  let d = businessDayOnOrAfter(day);
  for (let i = 0; i < n; i++) d = businessDayOnOrAfter(d + 1);
  return d;
}

/** Moves an instant into local business hours (08:00–18:00 on a business day), if it is outside them. */
export function inBusinessHours(ms: number, timeZone: string, rng: Rng): number {
  const day = localDay(ms, timeZone);
  const minute = localMinute(ms, timeZone);
  if (isBusinessDay(day) && minute >= 8 * 60 && minute < 18 * 60) return ms;
  const next = businessDayOnOrAfter(isBusinessDay(day) && minute < 8 * 60 ? day : day + 1);
  return localMs(next, 8 * 60 + rng.int(0, 90), timeZone) + rng.int(0, 59_999);
}

/** Caches cover days up to 2200-01-01 (as far as ingest accepts dates). */
const maxCachedDay = 84_000;
const dateStrings: string[] = [];

/** YYYY-MM-DD of a day number. */
export function isoDate(day: number): string {
  let s = dateStrings[day];
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    if (day >= 0 && day < maxCachedDay) dateStrings[day] = s;
  }
  return s;
}

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const offsetSuffixes = new Map<number, string>();

function offsetSuffix(offset: number): string {
  let suffix = offsetSuffixes.get(offset);
  if (suffix === undefined) {
    const abs = Math.abs(offset);
    suffix = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad2[Math.floor(abs / 60)]}:${pad2[abs % 60]}`;
    offsetSuffixes.set(offset, suffix);
  }
  return suffix;
}

/** RFC 3339 with milliseconds, as UTC (`Z`) or with the given local offset in minutes (`+01:00`). */
export function rfc3339(ms: number, offset = 0): string {
  const local = ms + offset * MINUTE;
  const day = Math.floor(local / DAY);
  let rest = local - day * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / 1000);
  return `${isoDate(day)}T${pad2[hours]}:${pad2[minutes]}:${pad2[seconds]}.${pad3[rest - seconds * 1000]}${offsetSuffix(offset)}`;
}

/** Short date code yymmdd used inside document numbers. */
export function dateCode(day: number): string {
  let code = dateCodes[day];
  if (code === undefined) {
    code = isoDate(day).slice(2).replaceAll('-', '');
    if (day >= 0 && day < maxCachedDay) dateCodes[day] = code;
  }
  return code;
}

const dateCodes: string[] = [];
