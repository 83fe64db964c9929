// Which period is being closed and, per entity, its period end, close deadline (period end
// + closeWorkingDays of the entity's business calendar) and working days left, read from
// the business_calendar table in ClickHouse.
//
// Default period: the previous month (by the as-of date in UTC) while any selected entity is
// still within its close window for it (its local date ≤ its deadline; an unknown deadline
// counts as still open), else the current month. So on 5 Nov with a deadline of 9 Nov the period is October; on 10 Nov, November.
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseDateTime64 } from '../../../platform/clickhouse/datetime.ts';
import { queryRows } from '../../../platform/clickhouse/sql-template.ts';
import { closeDeadlinesSql, type DeadlineRequest, type DeadlineRow } from '../../../sql/queries/close-deadlines.sql.ts';
import { utcOffsetSeconds } from '../../settings/business-calendar.ts';
import { calendarOf, type FinanceSettings } from '../../settings/finance-settings.ts';

export interface EntityClose {
  entity: string;
  name: string;
  time_zone: string;
  /** Business-calendar key: the entity, or '*' for entities without settings. */
  calendar: string;
  materiality: string;
  /** YYYY-MM-DD, last day of the period. */
  period_end: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: local midnight after the period end. */
  period_end_utc: string;
  /** YYYY-MM-DD: the entity's local date at the as-of moment. */
  today: string;
  /** Money converts at the rate valid on the earlier of period end and today. */
  fx_date: string;
  /** YYYY-MM-DD, the last working day of the close; null when the calendar is not synced that far. */
  deadline: string | null;
  working_days_left: number | null;
  past_deadline: boolean;
  utc_offset_s: number;
}

/** YYYY-MM-DD in a time zone. */
export function localDate(timeZone: string, ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

function monthShift(period: string, by: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

const lastDay = (period: string) => new Date(Date.parse(`${monthShift(period, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function baseClose(settings: FinanceSettings, entity: string, period: string, asOfMs: number): Omit<EntityClose, 'deadline' | 'working_days_left' | 'past_deadline'> & { closeDays: number } {
  const cal = calendarOf(settings, entity);
  const own = settings.entities.some((e) => e.entity === entity);
  const nextStartUtc = Date.parse(`${monthShift(period, 1)}-01T00:00:00Z`);
  const periodEndUtc = nextStartUtc - utcOffsetSeconds(cal.timeZone, nextStartUtc) * 1000;
  const today = localDate(cal.timeZone, asOfMs);
  const periodEnd = lastDay(period);
  return {
    entity,
    name: cal.name,
    time_zone: cal.timeZone,
    calendar: own ? entity : '*',
    materiality: cal.materiality,
    period_end: periodEnd,
    period_end_utc: toClickHouseDateTime64(periodEndUtc),
    today,
    fx_date: periodEnd < today ? periodEnd : today,
    utc_offset_s: utcOffsetSeconds(cal.timeZone, asOfMs),
    closeDays: cal.closeWorkingDays,
  };
}

async function closesFor(ch: ClickHouseClient, settings: FinanceSettings, entities: string[], periods: string[], asOfMs: number): Promise<Map<string, EntityClose>> {
  const bases = periods.flatMap((period) => entities.map((entity) => ({ key: `${period}|${entity}`, ...baseClose(settings, entity, period, asOfMs) })));
  const requests: DeadlineRequest[] = bases.map((b) => ({ key: b.key, calendar: b.calendar, periodEnd: b.period_end, today: b.today, closeDays: b.closeDays }));
  const rows = await queryRows<DeadlineRow>(ch, closeDeadlinesSql(requests));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return new Map(bases.map(({ key, closeDays: _, ...b }) => {
    const row = byKey.get(key);
    const found = row?.found === 1;
    const deadline = found ? row!.deadline : null;
    return [key, { ...b, deadline, working_days_left: found ? Number(row!.working_days_left) : null, past_deadline: deadline !== null && b.today > deadline }];
  }));
}

/** The period and each entity's close for it. `entities` are the entities scored ('*' stands for any other). */
export async function closeCalendars(ch: ClickHouseClient, settings: FinanceSettings, entities: string[], asOfMs: number, period?: string) {
  const current = new Date(asOfMs).toISOString().slice(0, 7);
  const previous = monthShift(current, -1);
  const periods = period ? [period] : [previous, current];
  const all = await closesFor(ch, settings, entities, periods, asOfMs);
  // '*' (the calendar of entities without settings) decides only when no real entity is scored.
  const real = entities.filter((e) => e !== '*');
  const deciders = real.length > 0 ? real : entities;
  const chosen = period ?? (deciders.some((e) => !all.get(`${previous}|${e}`)!.past_deadline) ? previous : current);
  return { period: chosen, closes: new Map(entities.map((e) => [e, all.get(`${chosen}|${e}`)!])) };
}
