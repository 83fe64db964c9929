// Forecast variance buckets live in each entity's time zone. ClickHouse wants a constant
// time zone per conversion, so an entity's zone is picked with multiIf over the entities that
// have settings of their own; every zone and entity reaches SQL as a query parameter (query
// parameters are substituted as constants, so they are accepted as time-zone arguments).
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

/** Entities with a time zone of their own (`entities[i]` is in `timeZones[i]`); others use `fallback`. */
export interface EntityTimeZones {
  entities: string[];
  timeZones: string[];
  fallback: string;
}

/** The calendar periods a variance is reported in; weeks start on Monday (ISO). */
export type ForecastBucket = 'day' | 'week' | 'month';

const bucketStartOf: Record<ForecastBucket, (date: ChSql) => ChSql> = {
  day: (date) => chSql`toDate(${date})`,
  week: (date) => chSql`toDate(toMonday(${date}))`,
  month: (date) => chSql`toDate(toStartOfMonth(${date}))`,
};

/** The first local date of the bucket that a local date falls in. */
export const bucketStartSql = (bucket: ForecastBucket, date: ChSql): ChSql => bucketStartOf[bucket](date);

function perEntityZone(zones: EntityTimeZones, entity: ChSql, expression: (timeZone: ChSql) => ChSql): ChSql {
  const fallback = expression(chSql`${p.string(zones.fallback)}`);
  if (zones.entities.length === 0) return fallback;
  const branches = zones.entities.map((e, i) => chSql`${entity} = ${p.string(e)}, ${expression(chSql`${p.string(zones.timeZones[i]!)}`)}`);
  return chSql`multiIf(${join(branches, ', ')}, ${fallback})`;
}

/** The local calendar date of a UTC instant in the entity's time zone. */
export const localDateSql = (zones: EntityTimeZones, entity: ChSql, instant: ChSql): ChSql =>
  perEntityZone(zones, entity, (tz) => chSql`toDate(${instant}, ${tz})`);

/** Local midnight at the start of a date in the entity's time zone, as Unix milliseconds (UTC). */
export const localMidnightMsSql = (zones: EntityTimeZones, entity: ChSql, date: ChSql): ChSql =>
  perEntityZone(zones, entity, (tz) => chSql`toUnixTimestamp64Milli(toDateTime64(${date}, 3, ${tz}))`);
