// Close deadlines from the business calendar: period end + N working days of the entity's
// calendar (weekends, holidays), and the working days left from a local date — the
// deadline's business-day ordinal minus today's, so today, if a business day, counts as
// spent. found = 0 when the calendar has no rows for the dates (not synced that far).
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface DeadlineRequest {
  key: string;
  /** Calendar entity: the entity itself or '*'. */
  calendar: string;
  /** YYYY-MM-DD, the last day of the period. */
  periodEnd: string;
  /** YYYY-MM-DD, the entity's local date at the evaluation moment. */
  today: string;
  closeDays: number;
}

export interface DeadlineRow {
  key: string;
  period_end: string;
  found: number;
  deadline: string;
  working_days_left: string;
}

export function closeDeadlinesSql(requests: DeadlineRequest[]): ChSql {
  const col = <T>(pick: (r: DeadlineRequest) => T) => requests.map(pick);
  const calendar = chSql`(SELECT entity, date, bd_ordinal, toUInt8(1) AS found FROM business_calendar FINAL)`;
  return chSql`SELECT r.key AS key, toString(r.period_end) AS period_end,
      toUInt8(dl.found = 1 AND td.found = 1) AS found, toString(dl.date) AS deadline,
      toString(toInt64(dl.bd_ordinal) - toInt64(td.bd_ordinal)) AS working_days_left
    FROM (SELECT q.key AS key, q.calendar AS calendar, q.period_end AS period_end, q.today AS today,
            if(pe.found = 1, pe.bd_ordinal + q.close_days, 0) AS deadline_ordinal
          FROM (SELECT tupleElement(t, 1) AS key, tupleElement(t, 2) AS calendar, toDate(tupleElement(t, 3)) AS period_end,
                  toDate(tupleElement(t, 4)) AS today, tupleElement(t, 5) AS close_days
                FROM (SELECT arrayJoin(arrayZip(${p.strings(col((r) => r.key))}, ${p.strings(col((r) => r.calendar))},
                  ${p.strings(col((r) => r.periodEnd))}, ${p.strings(col((r) => r.today))}, ${p.uint32s(col((r) => r.closeDays))})) AS t)) AS q
          LEFT JOIN ${calendar} AS pe ON pe.entity = q.calendar AND pe.date = q.period_end) AS r
    LEFT JOIN (SELECT entity, bd_ordinal, date, toUInt8(1) AS found FROM business_calendar FINAL WHERE is_business_day = 1) AS dl
      ON dl.entity = r.calendar AND dl.bd_ordinal = r.deadline_ordinal
    LEFT JOIN ${calendar} AS td ON td.entity = r.calendar AND td.date = r.today`;
}
