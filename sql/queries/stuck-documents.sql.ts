// Stuck documents: a non-terminal document whose current stage has lasted longer than the
// SLA for that stage. SLAs come per document type, stage and entity (an entity's own policy
// wins over '*'), in hours or business days; business days count in the entity's business
// calendar (weekends, holidays, time zone — see business_calendar), so "2 business days"
// across a weekend, a holiday and a daylight-saving change lands on the right local time.
//
// Reads only documents of a type and stage with a policy — through the document_state
// snapshot "now" (the stage leads its primary key), so the documents in terminal stages are
// never touched — and computes each one's due time once.
import { chSql, p, type ChParam, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import type { SlaPolicy } from '../../server/settings/finance-settings.ts';
import { currentDocumentsWhereSql, documentsOfKeysSql, type DocumentFilter } from './current-documents.sql.ts';

export interface StuckQuery {
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: the moment the SLA clock is read. */
  now: string;
  policies: SlaPolicy[];
  /** Entities with a calendar of their own; others use the '*' calendar. */
  calendarEntities: string[];
  /**
   * Only these documents (a subquery of (entity, document_type, document_id)), merged from
   * document_state by primary key rather than read through its snapshot: the few changed
   * since a kept generation of SLA clocks (kept-sla-clocks.sql.ts).
   */
  keys?: ChSql;
}

/** One row per stuck document with its SLA, due time and hours past due. */
export function stuckDocumentsSql(q: StuckQuery): ChSql {
  const now = p.dateTime64(q.now);
  const columns = chSql`d.entity AS entity, d.document_type AS document_type, d.document_id AS document_id, d.stage AS stage,
           d.stage_entered_at AS stage_entered_at, d.amount AS doc_amount, d.currency AS currency,
           d.counterparty_id AS counterparty_id, d.counterparty_name AS counterparty_name`;
  const { types, condition } = policyStages(q, now);
  return chSql`
    SELECT s.entity AS entity, s.document_type AS document_type, s.document_id AS document_id, s.stage AS stage,
           s.stage_entered_at AS stage_entered_at, s.doc_amount AS amount, s.currency AS currency,
           s.counterparty_id AS counterparty_id, s.counterparty_name AS counterparty_name,
           -- qualified: the alias 'amount' above is the document's amount, s.amount is the SLA's
           s.amount AS sla_amount, s.unit AS sla_unit, s.due_at AS due_at,
           dateDiff('second', s.due_at, ${now}) / 3600 AS hours_past_due
    FROM (${slaDueSql(q, now, documentsOf(q, types, condition), columns)}) AS s
    WHERE s.due_at < ${now}`;
}

const documentsOf = (q: StuckQuery, types: string[], condition: ChSql): ChSql =>
  q.keys ? documentsOfKeysSql(q.filter, q.keys, types, condition) : currentDocumentsWhereSql(q.filter, types, condition);

/** What SLA clocks are computed with: the policies and the calendars (kept-sla-clocks.sql.ts). */
export type ClockSettings = Omit<StuckQuery, 'now' | 'filter' | 'keys'>;

/** The columns of an SLA clock (sla_clocks), in this order. */
export const slaClockColumns = chSql`entity, document_type, document_id, stage, stage_entered_at, amount, currency, counterparty_id,
  counterparty_name, sources, sla_amount, sla_unit, due_at`;

/**
 * Every document now in a stage with an SLA policy, with its SLA and due time (slaClockColumns),
 * whether due or not: what a kept generation of SLA clocks holds.
 */
export function slaClocksSql(q: ClockSettings): ChSql {
  const query: StuckQuery = { ...q, filter: {}, now: '2299-12-31 00:00:00.000' };
  const types = [...new Set(q.policies.map((x) => x.documentType))];
  const stages = [...new Set(q.policies.map((x) => x.stage))];
  const columns = chSql`d.entity AS entity, d.document_type AS document_type, d.document_id AS document_id, d.stage AS stage,
           d.stage_entered_at AS stage_entered_at, d.amount AS doc_amount, d.currency AS currency,
           d.counterparty_id AS counterparty_id, d.counterparty_name AS counterparty_name, d.sources AS sources`;
  // qualified: the alias 'amount' is the document's amount, s.amount the SLA's
  return chSql`(SELECT s.entity AS entity, s.document_type AS document_type, s.document_id AS document_id, s.stage AS stage,
      s.stage_entered_at AS stage_entered_at, s.doc_amount AS amount, s.currency AS currency, s.counterparty_id AS counterparty_id,
      s.counterparty_name AS counterparty_name, s.sources AS sources, s.amount AS sla_amount, s.unit AS sla_unit, s.due_at AS due_at
    FROM (${slaDueSql(query, p.dateTime64(query.now), currentDocumentsWhereSql({}, types, chSql`stage IN ${p.strings(stages)}`), columns)}) AS s)`;
}

/**
 * The documents that may be stuck: of a document type and in a stage with an SLA policy, and
 * — for a stage whose every policy counts hours — in it longer than its shortest SLA (business
 * days depend on the calendar, so they are only cut at now).
 */
function policyStages(q: StuckQuery, now: ChParam): { types: string[]; condition: ChSql } {
  const policyTypes = [...new Set(q.policies.map((x) => x.documentType))];
  const types = q.filter.documentTypes?.length ? policyTypes.filter((t) => q.filter.documentTypes!.includes(t)) : policyTypes;
  const byStage = new Map<string, { documentType: string; stage: string; policies: SlaPolicy[] }>();
  for (const x of q.policies) {
    const key = JSON.stringify([x.documentType, x.stage]);
    byStage.set(key, { documentType: x.documentType, stage: x.stage, policies: [...(byStage.get(key)?.policies ?? []), x] });
  }
  const stages = [...byStage.values()];
  const leastHours = stages.map(({ policies }) => (policies.every((x) => x.unit === 'hours') ? Math.min(...policies.map((x) => x.amount)) : 0));
  const policyIndex = chSql`indexOf(arrayZip(${p.strings(stages.map((x) => x.documentType))}, ${p.strings(stages.map((x) => x.stage))}), (toString(document_type), toString(stage)))`;
  // stage IN …: redundant with the policy index, but a condition the snapshot's primary key
  // (document_type, stage, …) can read, so only documents in a stage with an SLA are touched.
  return {
    types,
    condition: chSql`stage IN ${p.strings([...new Set(stages.map((x) => x.stage))])} AND ${policyIndex} > 0
      AND stage_entered_at <= ${now} - toIntervalHour(arrayElement(${p.uint32s(leastHours)}, ${policyIndex}))`,
  };
}

/** Each document of `docs` (key, stage, stage_entered_at, …) with its SLA policy and due time, plus `columns` of d. */
function slaDueSql(q: StuckQuery, now: ChParam, docs: ChSql, columns: ChSql): ChSql {
  const policies = chSql`(SELECT tupleElement(t, 1) AS document_type, tupleElement(t, 2) AS stage, tupleElement(t, 3) AS entity,
      tupleElement(t, 4) AS amount, tupleElement(t, 5) AS unit
    FROM (SELECT arrayJoin(arrayZip(${p.strings(q.policies.map((x) => x.documentType))}, ${p.strings(q.policies.map((x) => x.stage))},
      ${p.strings(q.policies.map((x) => x.entity))}, ${p.uint32s(q.policies.map((x) => x.amount))}, ${p.strings(q.policies.map((x) => x.unit))})) AS t))`;
  const calendarKey = chSql`if(has(${p.strings(q.calendarEntities)}, d.entity), d.entity, '*')`;
  return chSql`
    SELECT ${columns},
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
    LEFT JOIN (SELECT * FROM ${policies} WHERE entity != '*') AS specific
      ON specific.document_type = d.document_type AND specific.stage = d.stage AND specific.entity = d.entity
    LEFT JOIN (SELECT * FROM ${policies} WHERE entity = '*') AS generic
      ON generic.document_type = d.document_type AND generic.stage = d.stage
    LEFT JOIN (SELECT entity, date, utc_offset_s FROM business_calendar FINAL) AS c0
      ON c0.entity = calendar AND c0.date = toDate(d.stage_entered_at)
    LEFT JOIN (SELECT entity, date, bd_ordinal FROM business_calendar FINAL) AS c1
      ON c1.entity = calendar AND c1.date = toDate(entered_local)
    LEFT JOIN (SELECT entity, bd_ordinal, date, utc_offset_s FROM business_calendar FINAL WHERE is_business_day = 1) AS due_day
      ON due_day.entity = calendar AND due_day.bd_ordinal = c1.bd_ordinal + amount
    WHERE amount > 0 AND d.stage_entered_at <= ${now}`;
}
