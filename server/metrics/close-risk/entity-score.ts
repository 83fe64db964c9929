// One entity's close-risk result: each component's money at risk, documents, points and
// the numbers that made them (detail), contributions that add up to the score.
import type { MoneyAtRiskRow } from '../../../sql/queries/close-money-at-risk.sql.ts';
import type { StaleFeedRow } from '../../../sql/queries/close-stale-feeds.sql.ts';
import type { EntityClose } from './close-calendar.ts';
import type { MoneyRiskComponent } from './component.ts';
import { ageFactor, apportion, effectiveMateriality, moneyPoints, riskLevel, stalePoints, urgency } from './scoring.ts';
import { staleFeedsComponent } from './stale-feeds.ts';

export interface ComponentResult {
  component: string;
  label: string;
  /** In the reporting currency; null when a rate is missing (see missing_rates). */
  money_at_risk: string | null;
  documents: number;
  /** Points (0.1 precision) this component adds to the score. */
  contribution: number;
  detail: Record<string, unknown> & { text: string };
}

export interface EntityRisk {
  entity: string;
  name: string;
  time_zone: string;
  period_end: string;
  deadline: string | null;
  working_days_left: number | null;
  past_deadline: boolean;
  score: number;
  level: 'low' | 'medium' | 'high';
  components: ComponentResult[];
  missing_rates: { currency: string; date: string }[];
  explanation: string;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

type Scored = { points: number; result: Omit<ComponentResult, 'contribution'> };

/** A money component: its converted money against materiality, aged and weighted by urgency. */
function moneyComponent(c: MoneyRiskComponent, row: MoneyAtRiskRow | undefined, materiality: string, u: number, reportingCurrency: string): Scored {
  const known = row?.known_amount ?? '0';
  const ratio = Number(known) / Number(materiality);
  const age = row?.oldest_hours ?? 0;
  const points = row ? moneyPoints(c.cap, ratio, age, u) : 0;
  const unconverted = (row?.missing_rates.length ?? 0) > 0;
  const text = row
    ? `${row.document_count} document(s), ${known} ${reportingCurrency}${unconverted ? ' converted (some rates missing)' : ''} = ${round(ratio, 4)} × materiality ${materiality}; ` +
      `oldest ${round(age, 1)} h overdue (age ×${round(ageFactor(age), 3)}); urgency ×${round(u, 3)}; cap ${c.cap}`
    : 'nothing at risk';
  const byCurrency = (row?.by_currency ?? []).map(([currency, amount, documents]) => ({ currency, amount, documents: Number(documents) }));
  return {
    points,
    result: {
      component: c.name,
      label: c.label,
      money_at_risk: unconverted ? null : known,
      documents: Number(row?.document_count ?? 0),
      detail: { text, known_amount: known, by_currency: byCurrency, materiality, money_ratio: ratio, oldest_age_hours: age, age_factor: ageFactor(age), urgency: u, cap: c.cap, points },
    },
  };
}

/** The stale-feeds component: silent source-business-days weighted by urgency. */
function feedsComponent(feeds: StaleFeedRow[], u: number): Scored {
  const silentDays = feeds.reduce((s, f) => s + Number(f.silent_business_days), 0);
  const { name, label, cap } = staleFeedsComponent;
  const points = stalePoints(cap, silentDays, u);
  return {
    points,
    result: {
      component: name,
      label,
      money_at_risk: null,
      documents: feeds.length,
      detail: {
        text: feeds.length ? `${feeds.length} source(s) silent for ${silentDays} business day(s) in total; urgency ×${round(u, 3)}; cap ${cap}` : 'all feeds fresh',
        sources: feeds.map((f) => ({ source: f.source, last_event_at: f.last_event_at, silent_business_days: Number(f.silent_business_days) })),
        silent_source_days: silentDays,
        urgency: u,
        cap,
        points,
      },
    },
  };
}

export function scoreEntity(close: EntityClose, components: readonly MoneyRiskComponent[], money: MoneyAtRiskRow[], feeds: StaleFeedRow[], reportingCurrency: string): EntityRisk {
  const u = urgency(close.working_days_left, close.past_deadline);
  const materiality = effectiveMateriality(close.materiality);
  const scored = [
    ...components.map((c) => moneyComponent(c, money.find((m) => m.component === c.name), materiality, u, reportingCurrency)),
    feedsComponent(feeds, u),
  ];
  const missing = new Map(money.flatMap((m) => m.missing_rates).map(([currency, date]) => [`${currency}|${date}`, { currency, date }]));
  const { contributions, score } = apportion(scored.map((x) => x.points));
  const deadline = close.deadline === null ? 'deadline unknown'
    : close.past_deadline ? `deadline ${close.deadline} passed` : `${close.working_days_left} working day(s) left to ${close.deadline}`;
  return {
    entity: close.entity,
    name: close.name,
    time_zone: close.time_zone,
    period_end: close.period_end,
    deadline: close.deadline,
    working_days_left: close.working_days_left,
    past_deadline: close.past_deadline,
    score,
    level: riskLevel(score),
    components: scored.map((x, i) => ({ ...x.result, contribution: contributions[i]! })),
    missing_rates: [...missing.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date)),
    explanation: `${scored.map((x, i) => `${x.result.component} ${contributions[i]}`).join(' + ')} = ${score} (urgency ${round(u, 3)}: ${deadline})`,
  };
}
