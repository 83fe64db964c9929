// Integration health per source system: events in the window, when the source last sent
// something, whether that makes it stale, and how many of its records were quarantined.
//
// Freshness is measured in business time (the latest event `time` up to the window's end)
// so an "as of" evaluation is reproducible; received_at is shown alongside. A source is
// stale when its freshness exceeds stale_after_s:
//   - 2 × its typical inter-arrival over the 7 days before the window's end
//     ((last − first) / (events − 1), needing at least 2 events), but never under 5 min
//     (a chatty source would otherwise turn stale after seconds of silence);
//   - 60 min when it sent fewer than 2 events in those 7 days.
// A source known only from the quarantine (every record refused) has no freshness and is
// stale. Sources that went quiet before the window are listed too (events 0): they are the
// most stale, so the list is ordered by freshness, stalest first.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { rawDay, type HealthWindow } from './integration-health-flows.sql.ts';

export interface SourceHealthRow {
  source: string;
  events: number;
  last_event_at: string | null;
  last_received_at: string | null;
  freshness_s: number | null;
  typical_gap_s: number | null;
  stale_after_s: number;
  stale: boolean;
  quiet_before_window: boolean;
  quarantined: number;
}

export interface SourceHealthTotals {
  sources: number;
  stale_sources: number;
  quiet_before_window: number;
  events: number;
  quarantined: number;
}

export const staleness = { baselineDays: 7, minimumStaleAfterS: 300, defaultStaleAfterS: 3600 };

/**
 * One row per source: last event and last receipt (all history up to the end), window and
 * baseline counts, quarantine.
 */
function sourcesSql(w: HealthWindow, sources: string[] | undefined): ChSql {
  const from = p.dateTime64(w.from);
  const to = p.dateTime64(w.to);
  const only = sources?.length ? chSql`AND source IN ${p.strings(sources)}` : chSql``;
  const baselineStart = chSql`(${to} - INTERVAL ${p.uint32(staleness.baselineDays)} DAY)`;
  const zero = chSql`toDateTime64(0, 3, 'UTC')`;
  const never = chSql`toDateTime64('2299-12-31 00:00:00', 3, 'UTC')`;
  // Three narrow reads. The rows of the window and of the baseline, from whichever starts
  // first (a window may be longer than the baseline), give the counts, which need the id
  // column. They include the day of the end, and all lie before the end, so their max(time)
  // and max(received_at) complete what the daily rollup holds for the days before it: last
  // times over all history without reading it. The quarantine is read over the window.
  return chSql`(
    SELECT source,
           max(last_time) AS last_time, max(last_received) AS last_received,
           sum(window_events) AS window_events, sum(baseline_events) AS baseline_events,
           max(baseline_last) AS baseline_last, min(baseline_first) AS baseline_first,
           sum(quarantined) AS quarantined, max(known) AS known
    FROM (
      SELECT toString(source) AS source, max(last_time) AS last_time, max(last_received_at) AS last_received,
             toUInt64(0) AS window_events, toUInt64(0) AS baseline_events, ${zero} AS baseline_last,
             ${never} AS baseline_first, toUInt64(0) AS quarantined, toUInt8(1) AS known
      FROM integration_health_event_days WHERE day < ${rawDay(w)} ${only} GROUP BY source
      UNION ALL
      SELECT toString(source), max(time), max(received_at),
             uniqExactIf(id, time >= ${from}), uniqExactIf(id, time >= ${baselineStart}),
             maxIf(time, time >= ${baselineStart}), minIf(time, time >= ${baselineStart}), toUInt64(0), toUInt8(1)
      FROM finance_events WHERE time >= least(${from}, ${baselineStart}) AND time < ${to} ${only} GROUP BY source
      UNION ALL
      SELECT source, ${zero}, ${zero}, toUInt64(0), toUInt64(0), ${zero}, ${never},
             uniqExact(quarantine_id), toUInt8(0)
      FROM quarantine WHERE received_at >= ${from} AND received_at < ${to} ${only} GROUP BY source
    )
    GROUP BY source)`;
}

/** The per-source rows with freshness and staleness worked out. */
function sourceHealthSql(w: HealthWindow, sources: string[] | undefined): ChSql {
  const from = p.dateTime64(w.from);
  const to = p.dateTime64(w.to);
  const s = staleness;
  return chSql`(
    SELECT source,
           toUInt32(window_events) AS events,
           if(known = 1, toString(last_time), NULL) AS last_event_at,
           if(known = 1, toString(last_received), NULL) AS last_received_at,
           if(known = 1, round(dateDiff('millisecond', last_time, ${to}) / 1000, 3), NULL) AS freshness_s,
           if(baseline_events >= 2, round(dateDiff('millisecond', baseline_first, baseline_last) / 1000 / (baseline_events - 1), 3), NULL) AS typical_gap_s,
           if(isNull(typical_gap_s), ${p.uint32(s.defaultStaleAfterS)}, greatest(${p.uint32(s.minimumStaleAfterS)}, 2 * typical_gap_s)) AS stale_after_s,
           toBool(known = 0 OR freshness_s > stale_after_s) AS stale,
           toBool(known = 1 AND last_time < ${from}) AS quiet_before_window,
           toUInt32(quarantined) AS quarantined
    FROM ${sourcesSql(w, sources)})`;
}

/** A page row: the source's row and the totals over every source. */
export interface SourceHealthPageRow extends SourceHealthRow {
  total_sources: number;
  total_stale_sources: number;
  total_quiet_before_window: number;
  total_events: number;
  total_quarantined: number;
}

/**
 * A page of sources, stalest first (never-fresh sources first of all). Every row also carries
 * the totals over all sources (window functions, worked out before the page is cut), so one
 * statement answers both; a page past the last source has no row to carry them, and only then
 * are they read with sourceHealthTotalsSql.
 */
export function sourceHealthPageSql(w: HealthWindow, sources: string[] | undefined, page: { limit: number; offset: number }): ChSql {
  return chSql`
    SELECT *,
           toUInt32(count() OVER ()) AS total_sources, toUInt32(countIf(stale) OVER ()) AS total_stale_sources,
           toUInt32(countIf(quiet_before_window) OVER ()) AS total_quiet_before_window,
           toUInt32(sum(events) OVER ()) AS total_events, toUInt32(sum(quarantined) OVER ()) AS total_quarantined
    FROM ${sourceHealthSql(w, sources)}
    ORDER BY isNull(freshness_s) DESC, freshness_s DESC, source
    LIMIT ${p.uint32(page.limit)} OFFSET ${p.uint64(page.offset)}`;
}

/** Splits a page row into the source's row and the totals it carries. */
export function splitPageRow(pageRow: SourceHealthPageRow): { row: SourceHealthRow; totals: SourceHealthTotals } {
  const { total_sources, total_stale_sources, total_quiet_before_window, total_events, total_quarantined, ...row } = pageRow;
  return {
    row,
    totals: { sources: total_sources, stale_sources: total_stale_sources, quiet_before_window: total_quiet_before_window, events: total_events, quarantined: total_quarantined },
  };
}

export function sourceHealthTotalsSql(w: HealthWindow, sources: string[] | undefined): ChSql {
  return chSql`
    SELECT toUInt32(count()) AS sources, toUInt32(countIf(stale)) AS stale_sources,
           toUInt32(countIf(quiet_before_window)) AS quiet_before_window,
           toUInt32(sum(events)) AS events, toUInt32(sum(quarantined)) AS quarantined
    FROM ${sourceHealthSql(w, sources)}`;
}
