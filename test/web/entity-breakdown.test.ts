// The entity page's figures from metric views: per metric, per currency across metrics,
// top counterparties and age buckets, summed exactly.
import { describe, expect, it } from 'vitest';
import { ageBucketOf, toEntityBreakdown } from '../../web/src/entities/entity-breakdown.ts';
import type { MetricDocument, MetricView } from '../../web/src/metrics/metric-view.ts';
import { toMoneyTotals } from '../../web/src/metrics/money-totals.ts';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
function doc(id: string, counterparty: string, currency: string, amount: string | null, since: string): MetricDocument {
  return { key: id, entity: 'DE01', documentType: 'payment', documentId: id, status: 's', currency, amount, counterparty, since, dueAt: since, detail: '', timelineHref: `/documents/DE01/payment/${id}` };
}

// Ledger: stuck has 2 EUR docs (100.10 + 0.90 = 101.00); unmatched 1 EUR (50) + 1 USD (7.5).
// Per currency across metrics: EUR 3 items 151.00, USD 1 item 7.50.
// Acme: P1 (EUR 100.10, 2 h old) and P3 (EUR 50, 2 days old) → 2 items, €150.10.
// Ages: under 1 day: P1 (100.10) + P2 (0.90) = €101.00; 1–3 days: P3 €50.00; over 30 days: P4 $7.50.
const stuck: MetricView = {
  metric: 'stuck-documents',
  reporting: null,
  computedAt: null,
  totals: toMoneyTotals([{ currency: 'EUR', amount: '101.00', count: '2' }]),
  breakdowns: [],
  documents: [doc('P1', 'Acme', 'EUR', '100.10', '2026-11-26 10:00:00.000'), doc('P2', 'Beta', 'EUR', '0.90', '2026-11-26 11:59:00.000')],
  hasMore: false,
};
const unmatched: MetricView = {
  metric: 'unmatched-payments',
  reporting: null,
  computedAt: null,
  totals: toMoneyTotals([{ currency: 'EUR', amount: '50', count: '1' }, { currency: 'USD', amount: '7.5', count: '1' }]),
  breakdowns: [],
  documents: [doc('P3', 'Acme', 'EUR', '50', '2026-11-24 12:00:00.000'), doc('P4', 'Gamma', 'USD', '7.5', '2026-10-01 00:00:00.000')],
  hasMore: true,
};

describe('toEntityBreakdown', () => {
  const breakdown = toEntityBreakdown([stuck, unmatched], now);

  it('counts each metric and sums currencies across metrics', () => {
    expect(breakdown.byMetric.map((m) => [m.metric, m.count])).toEqual([['stuck-documents', '2'], ['unmatched-payments', '2']]);
    expect(breakdown.byCurrency.map((t) => [t.currency, t.count, t.amountLabel])).toEqual([['EUR', '3', '€151.00'], ['USD', '1', '$7.50']]);
  });

  it('ranks counterparties by items', () => {
    expect(breakdown.byCounterparty[0]).toMatchObject({ label: 'Acme', currency: 'EUR', count: 2, amount: '150.10' });
  });

  it('buckets by age in order, per currency', () => {
    expect(breakdown.byAge.map((g) => [g.label, g.currency, g.count, g.amountLabel])).toEqual([
      ['under 1 day', 'EUR', 2, '€101.00'],
      ['1–3 days', 'EUR', 1, '€50.00'],
      ['over 30 days', 'USD', 1, '$7.50'],
    ]);
    expect(ageBucketOf(now - 3 * 86_400_000, now)).toBe('3–7 days');
    expect(ageBucketOf(now + 60_000, now)).toBe('under 1 day');
  });

  it('says when the documents were only a first page', () => {
    expect(breakdown.partial).toBe(true);
  });
});
