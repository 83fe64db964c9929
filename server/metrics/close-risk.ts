// Close risk (metric 8): per entity and period, a 0–100 score explained by its components —
// money at risk in stuck documents, unmatched payments and delayed bank confirmations
// (converted to the reporting currency), plus stale feeds — weighted by age and by the
// working days left to the entity's close deadline. Formula: close-risk/scoring.ts.
// Every component is evaluated once for all entities (GROUP BY entity), not per entity.
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { FinanceSettings } from '../settings/finance-settings.ts';
import { closeCalendars, type EntityClose } from './close-risk/close-calendar.ts';
import { moneyRiskComponents } from './close-risk/components/index.ts';
import { scoreEntity, type EntityRisk } from './close-risk/entity-score.ts';
import { moneyAtRisk } from './close-risk/money-at-risk.ts';
import { scoringFormula } from './close-risk/scoring.ts';
import { staleFeeds } from './close-risk/stale-feeds.ts';

export interface CloseRiskInput {
  entities?: string[];
  /** 'YYYY-MM'; default: the period being closed as of asOf (see close-risk/close-calendar.ts). */
  period?: string;
  asOf?: string;
}

export interface CloseRiskResult {
  period: string;
  reporting_currency: string;
  formula: string;
  entities: EntityRisk[];
}

export async function closeRisk(ch: ClickHouseClient, settings: FinanceSettings, input: CloseRiskInput): Promise<CloseRiskResult> {
  const asOfMs = input.asOf ? Date.parse(input.asOf) : Date.now();
  const now = toClickHouseDateTime64(asOfMs);
  const ctx = { filter: { entities: input.entities, asOf: input.asOf ? now : undefined }, now, settings };
  const configured = settings.entities.map((e) => e.entity);
  const keys = [...new Set([...(input.entities ?? configured), '*'])];
  const { period, closes } = await closeCalendars(ch, settings, keys, asOfMs, input.period);
  const [money, feeds] = await Promise.all([moneyAtRisk(ch, ctx, moneyRiskComponents, closes), staleFeeds(ch, ctx, closes)]);
  const entities = input.entities ?? [...new Set([...configured, ...money.map((m) => m.entity), ...feeds.map((f) => f.entity)])];
  const fallback = closes.get('*')!;
  const closeOf = (entity: string): EntityClose => closes.get(entity) ?? { ...fallback, entity, name: entity };
  const results = [...new Set(entities)].map((entity) =>
    scoreEntity(closeOf(entity), moneyRiskComponents, money.filter((m) => m.entity === entity), feeds.filter((f) => f.entity === entity), settings.reportingCurrency));
  results.sort((a, b) => b.score - a.score || a.entity.localeCompare(b.entity));
  return { period, reporting_currency: settings.reportingCurrency, formula: scoringFormula, entities: results };
}
