// Close risk → the overview's ranked list and top risks: riskiest first, contributions as
// segments linking to their lists, money compared exactly on the strings.
import { describe, expect, it } from 'vitest';
import type { CloseRiskAnswer } from '../../web/src/overview/close-risk-answer.ts';
import { deadlineLabel, toCloseRiskView } from '../../web/src/overview/close-risk-ranking.ts';

const component = (name: string, label: string, money: string | null, documents: number, contribution: number) => ({ component: name, label, money_at_risk: money, documents, contribution, detail: { text: `${label} detail` } });

const answer: CloseRiskAnswer = {
  period: '2026-11',
  reporting_currency: 'EUR',
  entities: [
    {
      entity: 'US01', name: 'US Inc', time_zone: 'America/New_York', period_end: '2026-11-30', deadline: '2026-12-04', working_days_left: 3, past_deadline: false,
      score: 42.5, level: 'medium', missing_rates: [],
      // 9007199254740993.10 is beyond a float's exact range; it must still rank above ...992.
      components: [component('stuck_documents', 'Stuck documents', '9007199254740993.10', 4, 30), component('stale_feeds', 'Degraded or stale feeds', null, 0, 12.5)],
    },
    {
      entity: 'DE01', name: 'DE GmbH', time_zone: 'Europe/Berlin', period_end: '2026-11-30', deadline: null, working_days_left: null,
      score: 71, level: 'high', missing_rates: [{ currency: 'CHF', date: '2026-11-30' }],
      components: [component('unmatched_payments', 'Unmatched payments', '9007199254740992.90', 2, 71), component('delayed_confirmations', 'Delayed confirmations', '0', 0, 0)],
    },
  ],
};

describe('toCloseRiskView', () => {
  const view = toCloseRiskView(answer);

  it('ranks entities by score and keeps only components that add something', () => {
    expect(view.entities.map((e) => [e.entity, e.scoreLabel, e.level])).toEqual([['DE01', '71', 'high'], ['US01', '43', 'medium']]);
    expect(view.entities[0]!.segments.map((s) => s.component)).toEqual(['unmatched_payments']);
    expect(view.entities[0]!.missingRates).toEqual(['CHF on 2026-11-30']);
  });

  it('links each component to the list behind it, filtered to the entity', () => {
    const [stuck, stale] = view.entities[1]!.segments;
    expect(stuck).toMatchObject({ widthPct: 30, href: '/metrics/stuck-documents?entity=US01', moneyLabel: '€9,007,199,254,740,993.10' });
    expect(stale).toMatchObject({ href: '/integration-health', moneyLabel: '' });
  });

  it('lists the top risks by exact money, skipping nothing-at-risk and unknown amounts', () => {
    expect(view.topRisks.map((r) => [r.entity, r.money])).toEqual([['US01', '9007199254740993.10'], ['DE01', '9007199254740992.90']]);
  });

  it('says the deadline in the entity’s terms', () => {
    expect(deadlineLabel(answer.entities[0]!)).toBe('deadline 2026-12-04 (America/New_York) · 3 working days left');
    expect(deadlineLabel(answer.entities[1]!)).toBe('deadline not known (calendar not synced)');
    expect(deadlineLabel({ deadline: '2026-12-04', working_days_left: 0, past_deadline: true, time_zone: 'UTC' })).toBe('deadline 2026-12-04 passed (UTC)');
  });
});
