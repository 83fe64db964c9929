// Stuck documents "now" from a kept generation of SLA clocks (sql/clickhouse/0023_kept_sla_clocks.sql):
// the rule is stuck-documents.sql.ts's; this module only changes where the due times come from.
//
//   changed   the documents (of a type with an SLA policy) with document_state rows written
//             after the generation's watermark: found first, named here as values.
//   stuck     the kept clocks due before now of every other document, as kept, and the rule
//             applied afresh to the changed ones, merged from document_state by primary key.
// An unchanged document's stage, entry time and attributes are what the state says now, and
// its due time depends on those and the settings the generation names only, so the kept rows
// are exactly the recomputed ones.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { keyConditions, stateConditions } from './current-documents.sql.ts';
import { collectDocumentKeysSql, documentKeysSql, type DocumentKeys, type KeptGenerationMark } from './document-keys.sql.ts';
import { slaClockColumns, slaClocksSql, stuckDocumentsSql, type ClockSettings, type StuckQuery } from './stuck-documents.sql.ts';

/** The settings as registered with a generation: a read under other settings cannot use it. */
export const clockSettingsKey = (s: ClockSettings, calendars: unknown): string =>
  JSON.stringify({ policies: s.policies, calendarEntities: s.calendarEntities, calendars });

const policyTypes = (s: ClockSettings): string[] => [...new Set(s.policies.map((x) => x.documentType))];

/** The documents of a type with an SLA policy changed since `kept`, at most `limit` (a read finding more recomputes all). */
export function changedDocumentsSql(q: StuckQuery, kept: KeptGenerationMark, limit: number): ChSql {
  const where = [chSql`inserted_at > ${p.dateTime64(kept.watermark)}`, chSql`document_type IN ${p.strings(policyTypes(q))}`,
    ...keyConditions({ entities: q.filter.entities })];
  return collectDocumentKeysSql(chSql`(SELECT entity, document_type, document_id FROM document_state WHERE ${join(where, ' AND ')})`, limit);
}

/** The stuck rows now (stuckDocumentsSql's columns) from kept generation `kept` and the documents `changed` since it. */
export function keptStuckDocumentsSql(q: StuckQuery, kept: KeptGenerationMark, changed: DocumentKeys): ChSql {
  const now = p.dateTime64(q.now);
  const keys = chSql`SELECT * FROM ${documentKeysSql(changed)}`;
  const where = [chSql`generation = ${p.uint64(kept.generation)}`, chSql`due_at < ${now}`, chSql`stage_entered_at <= ${now}`,
    ...keyConditions(q.filter), ...stateConditions(q.filter)];
  if (changed.entities.length > 0) where.push(chSql`(entity, document_type, document_id) NOT IN (${keys})`);
  const keptRows = chSql`SELECT entity, document_type, document_id, stage, stage_entered_at, amount, currency, counterparty_id,
      counterparty_name, sla_amount, sla_unit, due_at, dateDiff('second', due_at, ${now}) / 3600 AS hours_past_due
    FROM sla_clocks WHERE ${join(where, ' AND ')}`;
  if (changed.entities.length === 0) return keptRows;
  return chSql`${keptRows}
    UNION ALL
    SELECT * FROM (${stuckDocumentsSql({ ...q, keys })})`;
}

/** Writes generation `generation`: every document now in a stage with an SLA policy, with its due time. */
export function keptClocksBuildSql(generation: string, settings: ClockSettings): ChSql {
  return chSql`INSERT INTO sla_clocks (generation, ${slaClockColumns})
    SELECT ${p.uint64(generation)}, ${slaClockColumns} FROM ${slaClocksSql(settings)}`;
}
