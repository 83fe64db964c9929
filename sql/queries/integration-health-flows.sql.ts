// Integration health per flow over a window: messages, errors, latency percentiles, retries,
// dead letters and when the flow was last seen. Two sources of truth, one rule each:
//   - spans (OTLP): a message is one trace of the flow (spans carrying the flow attribute,
//     deduplicated by (trace_id, span_id), grouped by trace_id), started in the window; it
//     failed when any of its spans has status ERROR; its latency is last end − first start
//     of those spans (for a one-span trace: the span's duration).
//   - integration.message.* events (middleware without OTLP): a message is one document_id
//     (flow/message_id) with any integration event in the window (each delivery counted
//     once: LIMIT 1 BY source, id); it failed when it has a .failed or .dead_lettered event;
//     its latency is first .delivered − first .received when both are in the window (and
//     delivered is not before received); retries count .retried events; dead letters count
//     messages with a .dead_lettered event.
// When a flow has spans in the window, messages, errors and latency come from the spans
// (basis 'spans') — events would count the same messages twice; retries and dead letters
// always come from the events. Percentiles are quantileExact: the value at 0-based position
// ⌊p·n⌋ of the n sorted latencies (p50 of an even n is the upper median), so a test can
// work them out by hand; they are null when there is no latency sample.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

/** Bounds as 'YYYY-MM-DD hh:mm:ss.sss' UTC: [from, to). */
export interface HealthWindow {
  from: string;
  to: string;
}

export interface FlowFilter {
  flows?: string[];
  sources?: string[];
}

export interface FlowHealthRow {
  flow: string;
  basis: 'spans' | 'events' | 'none';
  messages: number;
  errors: number;
  error_rate: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  retries: number;
  dead_letters: number;
  last_seen: string;
  freshness_s: number;
}

/** The view feeding integration_health_event_days (0017) lists the same types: a change needs a migration. */
export const integrationEventTypes = [
  'integration.message.received',
  'integration.message.delivered',
  'integration.message.failed',
  'integration.message.retried',
  'integration.message.dead_lettered',
];

const eventFlow = chSql`JSONExtractString(data, 'flow')`;

function flowCondition(filter: FlowFilter): ChSql {
  return filter.flows?.length ? chSql`AND flow IN ${p.strings(filter.flows)}` : chSql``;
}

function sourceCondition(filter: FlowFilter): ChSql {
  return filter.sources?.length ? chSql`AND source IN ${p.strings(filter.sources)}` : chSql``;
}

function eventConditions(filter: FlowFilter): ChSql {
  const flows = filter.flows?.length ? chSql`AND ${eventFlow} IN ${p.strings(filter.flows)}` : chSql``;
  return chSql`type IN ${p.strings(integrationEventTypes)} ${flows} ${sourceCondition(filter)}`;
}

/** One row per message of a flow in the window, from spans and from integration events. */
function messagesSql(w: HealthWindow, filter: FlowFilter): ChSql {
  const from = p.dateTime64(w.from);
  const to = p.dateTime64(w.to);
  return chSql`(
    SELECT flow, 'spans' AS basis, trace_id AS message,
           max(status_code = 'ERROR') AS failed,
           toNullable((max(toUnixTimestamp64Nano(end_time)) - min(toUnixTimestamp64Nano(start_time))) / 1e6) AS latency_ms,
           toUInt64(0) AS retries, toUInt8(0) AS dead
    FROM (SELECT flow, trace_id, start_time, end_time, status_code FROM spans
          WHERE flow != '' AND start_time >= ${from} AND start_time < ${to} ${flowCondition(filter)}
          LIMIT 1 BY trace_id, span_id)
    GROUP BY flow, trace_id
    UNION ALL
    SELECT flow, 'events' AS basis, message,
           max(type IN ('integration.message.failed', 'integration.message.dead_lettered')) AS failed,
           if(countIf(type = 'integration.message.received') > 0 AND countIf(type = 'integration.message.delivered') > 0
                AND minIf(time, type = 'integration.message.delivered') >= minIf(time, type = 'integration.message.received'),
              toNullable(toFloat64(dateDiff('millisecond', minIf(time, type = 'integration.message.received'), minIf(time, type = 'integration.message.delivered')))),
              NULL) AS latency_ms,
           countIf(type = 'integration.message.retried') AS retries,
           max(type = 'integration.message.dead_lettered') AS dead
    FROM (SELECT ${eventFlow} AS flow, document_id AS message, type, time FROM finance_events
          WHERE ${eventConditions(filter)} AND time >= ${from} AND time < ${to}
          LIMIT 1 BY source, id)
    GROUP BY flow, message)`;
}

/**
 * Where a read's history ends and its raw rows begin: the first instant of the UTC day of the
 * window's end. The daily rollups (integration_health_*_days, sql/clickhouse/0017_integration_
 * health_rollups.sql) date each row by its business time (a span by its start), so their days
 * before rawDay hold exactly the rows before this instant; the rest, up to `to`, is read raw.
 */
function rawDayStart(w: HealthWindow): ChSql {
  return chSql`toDateTime64(toDate32(${p.dateTime64(w.to)}), 3, 'UTC')`;
}

/** The first rollup day not to read (the day of the window's end). */
export function rawDay(w: HealthWindow): ChSql {
  return chSql`toDate32(${p.dateTime64(w.to)})`;
}

/**
 * When each flow was last seen up to the window's end — also flows that went quiet before it:
 * the latest end of a span started before the end (capped at the end), or the latest
 * integration event before it. History from the daily rollups, the day of the end raw.
 */
function lastSeenSql(w: HealthWindow, filter: FlowFilter): ChSql {
  const to = p.dateTime64(w.to);
  const dayStart = rawDayStart(w);
  return chSql`(
    SELECT flow, max(last_at) AS last_at FROM (
      -- a span started on an earlier day counts up to the window's end, never beyond it
      SELECT flow, least(max(last_end), ${to}) AS last_at FROM integration_health_span_days
      WHERE day < ${rawDay(w)} ${flowCondition(filter)} GROUP BY flow
      UNION ALL
      SELECT flow, max(least(end_time, ${to})) AS last_at FROM spans
      WHERE flow != '' AND start_time >= ${dayStart} AND start_time < ${to} ${flowCondition(filter)} GROUP BY flow
      UNION ALL
      SELECT flow, toDateTime64(max(last_time), 9) AS last_at FROM integration_health_event_days
      WHERE flow != '' AND day < ${rawDay(w)} ${flowCondition(filter)} ${sourceCondition(filter)} GROUP BY flow
      UNION ALL
      SELECT ${eventFlow} AS flow, max(toDateTime64(time, 9)) AS last_at FROM finance_events
      WHERE ${eventConditions(filter)} AND time >= ${dayStart} AND time < ${to} GROUP BY flow)
    WHERE flow != ''
    GROUP BY flow)`;
}

const latencies = chSql`if(span_messages > 0, span_latency, event_latency)`;
/** The n-th of the (p50, p95, p99) array, in ms to the microsecond; null without samples. */
const percentile = (n: ChSql): ChSql => chSql`if(empty(${latencies}), NULL, round(${latencies}[${n}], 3))`;

/** Per flow health over the window, most errors first (at most 1,000 flows). */
export function flowHealthSql(w: HealthWindow, filter: FlowFilter): ChSql {
  const to = p.dateTime64(w.to);
  const q = chSql`(0.5, 0.95, 0.99)`;
  return chSql`
    SELECT flow,
           multiIf(span_messages > 0, 'spans', event_messages > 0, 'events', 'none') AS basis,
           toUInt32(if(span_messages > 0, span_messages, event_messages)) AS messages,
           toUInt32(if(span_messages > 0, span_errors, event_errors)) AS errors,
           if(messages = 0, NULL, round(errors / messages, 4)) AS error_rate,
           ${percentile(chSql`1`)} AS p50_ms,
           ${percentile(chSql`2`)} AS p95_ms,
           ${percentile(chSql`3`)} AS p99_ms,
           toUInt32(retry_events) AS retries,
           toUInt32(dead_messages) AS dead_letters,
           toString(toDateTime64(last_at, 3, 'UTC')) AS last_seen,
           round(dateDiff('millisecond', last_at, toDateTime64(${to}, 9)) / 1000, 3) AS freshness_s
    FROM (
      SELECT flow,
             countIf(basis = 'spans') AS span_messages,
             countIf(basis = 'events') AS event_messages,
             countIf(basis = 'spans' AND failed) AS span_errors,
             countIf(basis = 'events' AND failed) AS event_errors,
             quantilesExactIf${q}(assumeNotNull(latency_ms), basis = 'spans' AND latency_ms IS NOT NULL) AS span_latency,
             quantilesExactIf${q}(assumeNotNull(latency_ms), basis = 'events' AND latency_ms IS NOT NULL) AS event_latency,
             sum(retries) AS retry_events,
             countIf(dead) AS dead_messages
      FROM ${messagesSql(w, filter)}
      GROUP BY flow
    ) AS m
    -- every flow with a message in the window has a last_at (both sides read the same rows)
    FULL OUTER JOIN ${lastSeenSql(w, filter)} AS l USING (flow)
    WHERE flow != ''
    ORDER BY errors DESC, flow
    LIMIT 1000`;
}
