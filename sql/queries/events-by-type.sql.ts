// Finance events per type, each (source, id) identity counted once however often it was delivered.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface EventsByTypeFilter {
  entity?: string;
  source?: string;
}

export function eventsByTypeSql(filter: EventsByTypeFilter): ChSql {
  const conditions: ChSql[] = [];
  if (filter.entity !== undefined) conditions.push(chSql`entity = ${p.string(filter.entity)}`);
  if (filter.source !== undefined) conditions.push(chSql`source = ${p.string(filter.source)}`);
  const where = conditions.length > 0 ? chSql`WHERE ${join(conditions, ' AND ')}` : chSql``;
  return chSql`
    SELECT type, toString(uniqExact(source, id)) AS events
    FROM finance_events
    ${where}
    GROUP BY type
    ORDER BY type`;
}
