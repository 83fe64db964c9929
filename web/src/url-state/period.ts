// The global time filter: all time, a recent span (last hour … last 30 days), a calendar month
// ("2026-11") or an exact range (from/to, e.g. from an alert's link). Months are UTC months
// until entity time zones reach the API.

export type RecentSpan = '1h' | '24h' | '7d' | '30d';

export type Period =
  | { kind: 'all' }
  | { kind: 'recent'; span: RecentSpan }
  | { kind: 'month'; month: string }
  | { kind: 'range'; from: string; to: string };

/** What the period means as a query window: ISO instants, either bound open. */
export interface TimeWindow {
  from?: string;
  to?: string;
}

const spanMs: Record<RecentSpan, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };
const spanLabel: Record<RecentSpan, string> = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthNames = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const rangeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

function isSpan(value: string | undefined): value is RecentSpan {
  return value !== undefined && value in spanMs;
}

/** Reads the period from its URL parameters; an exact from/to range wins over `period`. Invalid input is all time. */
export function parsePeriod(values: { period?: string; from?: string; to?: string }): Period {
  const from = values.from === undefined ? NaN : Date.parse(values.from);
  const to = values.to === undefined ? NaN : Date.parse(values.to);
  if (!Number.isNaN(from) && !Number.isNaN(to) && from < to) return { kind: 'range', from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  if (isSpan(values.period)) return { kind: 'recent', span: values.period };
  if (values.period !== undefined && monthPattern.test(values.period)) return { kind: 'month', month: values.period };
  return { kind: 'all' };
}

/** The URL parameters that express a period (all three, so setting one clears the others). */
export function periodParams(period: Period): { period?: string; from?: string; to?: string } {
  switch (period.kind) {
    case 'all':
      return { period: undefined, from: undefined, to: undefined };
    case 'recent':
      return { period: period.span, from: undefined, to: undefined };
    case 'month':
      return { period: period.month, from: undefined, to: undefined };
    case 'range':
      return { period: undefined, from: period.from, to: period.to };
  }
}

/** The select's value for a period ("" for all time, "range" for an exact range). */
export function periodValue(period: Period): string {
  return period.kind === 'recent' ? period.span : period.kind === 'month' ? period.month : period.kind === 'range' ? 'range' : '';
}

/**
 * The query window at `nowMs`. Recent spans start on a whole minute, so the window (and the
 * query key it is part of) changes once a minute rather than on every render.
 */
export function periodWindow(period: Period, nowMs: number): TimeWindow {
  switch (period.kind) {
    case 'all':
      return {};
    case 'recent': {
      const minute = Math.floor(nowMs / 60_000) * 60_000;
      return { from: new Date(minute - spanMs[period.span]).toISOString() };
    }
    case 'month': {
      const [, year, month] = monthPattern.exec(period.month)!;
      return { from: new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toISOString(), to: new Date(Date.UTC(Number(year), Number(month), 1)).toISOString() };
    }
    case 'range':
      return { from: period.from, to: period.to };
  }
}

export function periodLabel(period: Period): string {
  switch (period.kind) {
    case 'all':
      return 'All time';
    case 'recent':
      return spanLabel[period.span];
    case 'month': {
      const [, year, month] = monthPattern.exec(period.month)!;
      return `${monthNames.format(Date.UTC(Number(year), Number(month) - 1, 1))} (UTC)`;
    }
    case 'range':
      return `${rangeFormat.format(Date.parse(period.from))} – ${rangeFormat.format(Date.parse(period.to))} UTC`;
  }
}

/** Choices for the period picker: all time, the recent spans, this month and the two before. */
export function periodChoices(nowMs: number): { value: string; label: string }[] {
  const now = new Date(nowMs);
  const months = [0, 1, 2].map((back) => {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const month = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
    return { value: month, label: periodLabel({ kind: 'month', month }) };
  });
  const spans = (Object.keys(spanMs) as RecentSpan[]).map((span) => ({ value: span, label: spanLabel[span] }));
  return [{ value: '', label: 'All time' }, ...spans, ...months];
}
