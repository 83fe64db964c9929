// Close risk, feeds part: per entity, the sources that fed it (sent an event for it in the
// lookback window) and have gone silent for at least one whole business day of the entity's
// calendar — the last event's local date is before yesterday's business day. A daily bank
// statement sent each business evening is never stale the next morning; a feed that sent
// nothing on Monday is stale on Tuesday. FX rates (group-wide, entity GROUP) are left out:
// a missing rate is flagged by the conversion instead. A source silent longer than the
// lookback is treated as retired.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { PerEntityText } from './close-money-at-risk.sql.ts';

export interface StaleFeedsQuery {
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  now: string;
  lookbackDays: number;
  entities?: string[];
  /** Entities with a calendar of their own; others use '*'. */
  calendarEntities: string[];
  /** Each entity's UTC offset (seconds) at `now`, as text. */
  utcOffsetS: PerEntityText;
  /** Each entity's local date at `now`. */
  today: PerEntityText;
}

export interface StaleFeedRow {
  entity: string;
  source: string;
  last_event_at: string;
  silent_business_days: string;
}

/** One row per stale (entity, source). */
export function staleFeedsSql(q: StaleFeedsQuery): ChSql {
  const now = p.dateTime64(q.now);
  const entityFilter = q.entities?.length ? chSql`AND entity IN ${p.strings(q.entities)}` : chSql``;
  const per = (v: PerEntityText) => chSql`transform(entity, ${p.strings(v.entities)}, ${p.strings(v.values)}, ${p.string(v.fallback)})`;
  return chSql`SELECT f.entity AS entity, f.source AS source, toString(f.last_at) AS last_event_at,
      toString(toInt64(y.bd_ordinal) - toInt64(l.bd_ordinal)) AS silent_business_days
    FROM (SELECT toString(entity) AS entity, toString(source) AS source, max(time) AS last_at,
            if(has(${p.strings(q.calendarEntities)}, entity), entity, '*') AS calendar,
            toDate(last_at + toIntervalSecond(toInt32(${per(q.utcOffsetS)}))) AS last_local,
            toDate(${per(q.today)}) - 1 AS yesterday
          FROM finance_events
          WHERE time <= ${now} AND time > ${now} - toIntervalDay(${p.uint32(q.lookbackDays)})
            AND document_type != 'fx_rate' ${entityFilter}
          GROUP BY entity, source) AS f
    INNER JOIN (SELECT entity, date, bd_ordinal FROM business_calendar FINAL) AS l ON l.entity = f.calendar AND l.date = f.last_local
    INNER JOIN (SELECT entity, date, bd_ordinal FROM business_calendar FINAL) AS y ON y.entity = f.calendar AND y.date = f.yesterday
    WHERE toInt64(y.bd_ordinal) > toInt64(l.bd_ordinal)
    ORDER BY entity, source`;
}
