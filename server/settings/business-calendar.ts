// Builds each entity's business calendar (weekends, holidays, UTC offset per local date)
// and writes it to ClickHouse, where SLA and close-deadline queries join it.
import type { ClickHouseClient } from '@clickhouse/client';
import { calendarOf, type EntityCalendar, type FinanceSettings } from './finance-settings.ts';

export interface CalendarRow {
  entity: string;
  date: string;
  is_business_day: number;
  bd_ordinal: number;
  utc_offset_s: number;
}

const dayMs = 86_400_000;

/** The UTC offset (seconds) of a time zone at an instant, from the platform's time-zone data. */
export function utcOffsetSeconds(timeZone: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(atMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
}

/** Calendar rows for one entity over [fromDate, toDate) (YYYY-MM-DD). */
export function calendarRows(calendar: EntityCalendar, fromDate: string, toDate: string): CalendarRow[] {
  const holidays = new Set(calendar.holidays);
  const rows: CalendarRow[] = [];
  let ordinal = 0;
  for (let t = Date.parse(`${fromDate}T00:00:00Z`); t < Date.parse(`${toDate}T00:00:00Z`); t += dayMs) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    const business = weekday !== 0 && weekday !== 6 && !holidays.has(date);
    if (business) ordinal += 1;
    // Offset at local noon: daylight-saving switches happen at night.
    rows.push({ entity: calendar.entity, date, is_business_day: business ? 1 : 0, bd_ordinal: ordinal, utc_offset_s: utcOffsetSeconds(calendar.timeZone, t + 12 * 3600_000) });
  }
  return rows;
}

/** Rewrites every configured entity's calendar and the default one, from two years back to three ahead. */
export async function syncBusinessCalendar(ch: ClickHouseClient, settings: FinanceSettings, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  const from = `${year - 2}-01-01`;
  const to = `${year + 4}-01-01`;
  const version = Date.now();
  const calendars = [calendarOf(settings, '*'), ...settings.entities];
  for (const calendar of calendars) {
    const rows = calendarRows(calendar, from, to).map((r) => ({ ...r, version }));
    await ch.insert({ table: 'business_calendar', values: rows, format: 'JSONEachRow' });
  }
}
