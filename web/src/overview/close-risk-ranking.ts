// Maps metrics.closeRisk to the overview's ranked list: entities riskiest first, each score
// split into its components' contributions (segments of one bar), money at risk formatted in
// the reporting currency, the deadline said in the entity's own terms; and the top risks in
// money across entities and components, compared exactly on the decimal strings.
import { compareDecimals } from '../money/decimal-string.ts';
import { formatMaybeMoney } from '../money/format-money.ts';
import { isMetricId, metricPath } from '../metrics/metric-catalog.ts';
import { metricListHref } from '../metrics/metric-list-params.ts';
import type { CloseRiskAnswer, CloseRiskComponentRow, CloseRiskEntityRow } from './close-risk-answer.ts';

export interface RiskSegment {
  component: string;
  label: string;
  contribution: number;
  /** Width of the segment as % of the full 0–100 scale. */
  widthPct: number;
  moneyLabel: string;
  documents: number;
  detail: string;
  /** The metric list behind the component, filtered to the entity; null when there is none. */
  href: string | null;
  colorClass: string;
}

export interface RankedEntity {
  entity: string;
  name: string;
  timeZone: string;
  score: number;
  scoreLabel: string;
  level: CloseRiskEntityRow['level'];
  deadlineLabel: string;
  segments: RiskSegment[];
  missingRates: string[];
}

export interface TopRisk {
  key: string;
  entity: string;
  label: string;
  money: string;
  moneyLabel: string;
  documents: number;
  href: string | null;
}

export interface CloseRiskView {
  period: string;
  reportingCurrency: string;
  entities: RankedEntity[];
  topRisks: TopRisk[];
}

// Fixed per component so a colour means the same thing in every row.
const componentColours: Record<string, string> = {
  stuck_documents: 'bg-amber-500',
  unmatched_payments: 'bg-rose-500',
  delayed_confirmations: 'bg-violet-500',
  stale_feeds: 'bg-sky-500',
  duplicate_payment_risk: 'bg-fuchsia-500',
  receivables_misalignment: 'bg-teal-500',
};
const fallbackColour = 'bg-slate-400';

/** The metric list a component's figures come from, filtered to the entity. */
export function componentHref(component: string, entity: string): string | null {
  const slug = component.replace(/_/g, '-');
  if (isMetricId(slug)) return metricListHref(metricPath(slug), { entity });
  if (component === 'stale_feeds') return '/integration-health';
  return null;
}

export function deadlineLabel(row: Pick<CloseRiskEntityRow, 'deadline' | 'working_days_left' | 'past_deadline' | 'time_zone'>): string {
  if (row.deadline === null) return 'deadline not known (calendar not synced)';
  if (row.past_deadline) return `deadline ${row.deadline} passed (${row.time_zone})`;
  const days = row.working_days_left;
  return `deadline ${row.deadline} (${row.time_zone})${days === null ? '' : ` · ${days} working ${days === 1 ? 'day' : 'days'} left`}`;
}

function segment(row: CloseRiskComponentRow, entity: string, currency: string): RiskSegment {
  return {
    component: row.component,
    label: row.label,
    contribution: row.contribution,
    widthPct: Math.max(0, Math.min(100, row.contribution)),
    moneyLabel: row.component === 'stale_feeds' ? '' : formatMaybeMoney(row.money_at_risk, currency),
    documents: row.documents,
    detail: row.detail.text,
    href: componentHref(row.component, entity),
    colorClass: componentColours[row.component] ?? fallbackColour,
  };
}

export function toCloseRiskView(answer: CloseRiskAnswer, topCount = 5): CloseRiskView {
  const currency = answer.reporting_currency;
  const entities = [...answer.entities]
    .sort((a, b) => b.score - a.score || a.entity.localeCompare(b.entity))
    .map((row) => ({
      entity: row.entity,
      name: row.name,
      timeZone: row.time_zone,
      score: row.score,
      scoreLabel: row.score.toFixed(0),
      level: row.level,
      deadlineLabel: deadlineLabel(row),
      segments: row.components.filter((c) => c.contribution > 0 || c.documents > 0).map((c) => segment(c, row.entity, currency)),
      missingRates: row.missing_rates.map((m) => `${m.currency} on ${m.date}`),
    }));
  const topRisks = answer.entities
    .flatMap((row) =>
      row.components
        .filter((c): c is CloseRiskComponentRow & { money_at_risk: string } => c.money_at_risk !== null && compareDecimals(c.money_at_risk, '0') > 0)
        .map((c) => ({
          key: `${row.entity}|${c.component}`,
          entity: row.entity,
          label: c.label,
          money: c.money_at_risk,
          moneyLabel: formatMaybeMoney(c.money_at_risk, currency),
          documents: c.documents,
          href: componentHref(c.component, row.entity),
        })),
    )
    .sort((a, b) => compareDecimals(b.money, a.money) || a.key.localeCompare(b.key))
    .slice(0, topCount);
  return { period: answer.period, reportingCurrency: currency, entities, topRisks };
}
