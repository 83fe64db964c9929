// Stuck documents: a non-terminal document whose current stage has lasted longer than the
// SLA for that stage. SLAs come per document type, stage and entity (an entity's own policy
// wins over '*'), in hours or business days; business days count in the entity's business
// calendar (weekends, holidays, time zone — see business_calendar), so "2 business days"
// across a weekend, a holiday and a daylight-saving change lands on the right local time.
import { chSql, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { SlaPolicy } from '../../server/settings/finance-settings.ts';
import { currentDocumentsSql, type DocumentFilter } from './current-documents.sql.ts';

export interface StuckQuery {
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: the moment the SLA clock is read. */
  now: string;
  policies: SlaPolicy[];
  /** Entities with a calendar of their own; others use the '*' calendar. */
  calendarEntities: string[];
}

/** One row per stuck document with its SLA, due time and hours past due. */
export function stuckDocumentsSql(q: StuckQuery): ChSql {
  const policies = chSql`(SELECT tupleElement(t, 1) AS document_type, tupleElement(t, 2) AS stage, tupleElement(t, 3) AS entity,
      tupleElement(t, 4) AS amount, tupleElement(t, 5) AS unit
    FROM (SELECT arrayJoin(arrayZip(${p.strings(q.policies.map((x) => x.documentType))}, ${p.strings(q.policies.map((x) => x.stage))},
      ${p.strings(q.policies.map((x) => x.entity))}, ${p.uint32s(q.policies.map((x) => x.amount))}, ${p.strings(q.policies.map((x) => x.unit))})) AS t))`;
  const now = p.dateTime64(q.now);
  return chSql`
    WITH policy_rows AS ${policies}
    SELECT entity, document_type, document_id, stage, stage_entered_at, doc_amount AS amount, currency,
           counterparty_id, counterparty_name, amount AS sla_amount, unit AS sla_unit, due_at,
           dateDiff('second', due_at, ${now}) / 3600 AS hours_past_due
    FROM (${slaDueSql(q, now)})
    WHERE due_at < ${now}`;
}

/** Each document's current stage with its SLA policy and due time (the documents are read once). */
function slaDueSql(q: StuckQuery, now: ChParam): ChSql {
  const docs = currentDocumentsSql(q.filter);
  const calendarKey = chSql`if(has(${p.strings(q.calendarEntities)}, d.entity), d.entity, '*')`;
  return chSql`
    SELECT d.entity AS entity, d.document_type AS document_type, d.document_id AS document_id, d.stage AS stage,
           d.stage_entered_at AS stage_entered_at, d.amount AS doc_amount, d.currency AS currency,
           d.counterparty_id AS counterparty_id, d.counterparty_name AS counterparty_name,
           if(specific.amount > 0, specific.amount, generic.amount) AS amount,
           if(specific.amount > 0, specific.unit, generic.unit) AS unit,
           ${calendarKey} AS calendar,
           d.stage_entered_at AS entered,
           -- local wall-clock time of entry, from the offset of its UTC date
           entered + toIntervalSecond(c0.utc_offset_s) AS entered_local,
           if(unit = 'hours', entered + toIntervalHour(amount),
              toDateTime64(due_day.date, 3, 'UTC') + toIntervalMillisecond(toUnixTimestamp64Milli(entered_local) % 86400000)
                - toIntervalSecond(due_day.utc_offset_s)) AS due_at
    FROM ${docs} AS d
    LEFT JOIN (SELECT * FROM policy_rows WHERE entity != '*') AS specific
      ON specific.document_type = d.document_type AND specific.stage = d.stage AND specific.entity = d.entity
    LEFT JOIN (SELECT * FROM policy_rows WHERE entity = '*') AS generic
      ON generic.document_type = d.document_type AND generic.stage = d.stage
    LEFT JOIN (SELECT entity, date, utc_offset_s FROM business_calendar FINAL) AS c0
      ON c0.entity = calendar AND c0.date = toDate(d.stage_entered_at)
    LEFT JOIN (SELECT entity, date, bd_ordinal FROM business_calendar FINAL) AS c1
      ON c1.entity = calendar AND c1.date = toDate(entered_local)
    LEFT JOIN (SELECT entity, bd_ordinal, date, utc_offset_s FROM business_calendar FINAL WHERE is_business_day = 1) AS due_day
      ON due_day.entity = calendar AND due_day.bd_ordinal = c1.bd_ordinal + amount
    WHERE amount > 0 AND d.stage_entered_at <= ${now}`;
}
