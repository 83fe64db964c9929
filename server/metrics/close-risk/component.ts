// What a close-risk component is: a named query that lists the documents putting an entity's
// close at risk, with their money and how long they have been overdue. Scoring, FX, the
// period cut and grouping by entity are shared (money-at-risk.ts, scoring.ts), so adding a
// component is one small file in ./components plus one line in ./components/index.ts.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, type ChSql } from '../../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from '../../../sql/queries/current-documents.sql.ts';
import type { EntitySetting } from '../../../sql/queries/unmatched-payments.sql.ts';
import type { FinanceSettings, MatchingSettings } from '../../settings/finance-settings.ts';

export interface RiskContext {
  /** Entities (if chosen) and asOf (undefined = now, read from the kept state tables). */
  filter: DocumentFilter;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: the moment SLAs are read at. */
  now: string;
  settings: FinanceSettings;
}

export interface MoneyRiskComponent {
  /** Stable id, e.g. stuck_documents. */
  name: string;
  label: string;
  /** Most points the component adds to a score. */
  cap: number;
  /** Work to do before the query, e.g. bringing payment matches up to date. */
  prepare?(ch: ClickHouseClient, settings: FinanceSettings): Promise<void>;
  /**
   * One row per document at risk, columns: entity, document_type, document_id, currency,
   * amount (Nullable Decimal), since (DateTime64: when the problem started; rows from after
   * the period end are not this close's risk) and age_hours (Float64: hours overdue).
   */
  rowsSql(ctx: RiskContext): ChSql;
}

/** A matching setting per entity as the metric queries take it (entities with their own, then '*'). */
export function matchingSetting(settings: FinanceSettings, pick: (m: MatchingSettings) => number): EntitySetting {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  return { entities: own, values: own.map((e) => pick(settings.matching[e]!)), fallback: pick(settings.matching['*']!) };
}

/** Hours from `from` to the evaluation moment. */
export const hoursUntilNow = (from: ChSql, now: string): ChSql => chSql`dateDiff('second', ${from}, ${p.dateTime64(now)}) / 3600`;
