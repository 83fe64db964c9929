// Runs the money components of close risk in one query for all entities (see
// sql/queries/close-money-at-risk.sql.ts) with each entity's period cut and FX date.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../../../platform/clickhouse/sql-template.ts';
import { moneyAtRiskSql, type MoneyAtRiskRow, type PerEntityText } from '../../../sql/queries/close-money-at-risk.sql.ts';
import { reportingScale } from '../reporting-currency.ts';
import type { EntityClose } from './close-calendar.ts';
import type { MoneyRiskComponent, RiskContext } from './component.ts';

/** A per-entity value from the closes, with the '*' close as the fallback. */
export function perEntityText(closes: Map<string, EntityClose>, pick: (c: EntityClose) => string): PerEntityText {
  const own = [...closes.keys()].filter((e) => e !== '*');
  return { entities: own, values: own.map((e) => pick(closes.get(e)!)), fallback: pick(closes.get('*')!) };
}

export async function moneyAtRisk(ch: ClickHouseClient, ctx: RiskContext, components: readonly MoneyRiskComponent[], closes: Map<string, EntityClose>): Promise<MoneyAtRiskRow[]> {
  await Promise.all(components.map((c) => c.prepare?.(ch, ctx.settings)));
  return queryRows<MoneyAtRiskRow>(ch, moneyAtRiskSql({
    components: components.map((c) => ({ name: c.name, rows: c.rowsSql(ctx) })),
    periodEndUtc: perEntityText(closes, (c) => c.period_end_utc),
    fxDate: perEntityText(closes, (c) => c.fx_date),
    reportingCurrency: ctx.settings.reportingCurrency,
    asOf: ctx.now,
    scale: reportingScale(ctx.settings),
  }));
}
