// The entity page's figures, from the metric answers for one entity: per metric (its totals),
// per currency (summed across metrics), per counterparty and by age (from the documents
// behind the metrics). Sums are exact decimal strings; ages are whole milliseconds.
import { parseWarehouseTime } from '../components/format-date-time.ts';
import { addDecimals } from '../money/decimal-string.ts';
import { formatMoney } from '../money/format-money.ts';
import { metricCatalog, type MetricId } from '../metrics/metric-catalog.ts';
import { toMoneyTotals, totalCount, type MoneyTotal } from '../metrics/money-totals.ts';
import type { MetricDocument, MetricView } from '../metrics/metric-view.ts';

export interface MetricSummary {
  metric: MetricId;
  title: string;
  totals: MoneyTotal[];
  count: string;
}

export interface GroupTotal {
  key: string;
  label: string;
  currency: string;
  count: number;
  amount: string;
  amountLabel: string;
}

export interface EntityBreakdown {
  byMetric: MetricSummary[];
  byCurrency: MoneyTotal[];
  byCounterparty: GroupTotal[];
  byAge: GroupTotal[];
  /** True when some metric had more documents than were fetched, so counterparty and age cover only the first page. */
  partial: boolean;
}

export const ageBuckets = [
  { label: 'under 1 day', maxMs: 86_400_000 },
  { label: '1–3 days', maxMs: 3 * 86_400_000 },
  { label: '3–7 days', maxMs: 7 * 86_400_000 },
  { label: '7–30 days', maxMs: 30 * 86_400_000 },
  { label: 'over 30 days', maxMs: Infinity },
] as const;

export function ageBucketOf(sinceMs: number, nowMs: number): string {
  const age = Math.max(0, nowMs - sinceMs);
  return ageBuckets.find((bucket) => age < bucket.maxMs)!.label;
}

function groupDocuments(documents: readonly MetricDocument[], keyOf: (d: MetricDocument) => string | null): GroupTotal[] {
  const groups = new Map<string, { label: string; currency: string; amounts: string[]; count: number }>();
  for (const doc of documents) {
    const label = keyOf(doc);
    if (label === null) continue;
    const key = `${label}|${doc.currency}`;
    const group = groups.get(key) ?? { label, currency: doc.currency, amounts: [], count: 0 };
    group.count++;
    if (doc.amount !== null && doc.amount !== '') group.amounts.push(doc.amount);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, g]) => {
    const amount = addDecimals(g.amounts);
    return { key, label: g.label, currency: g.currency, count: g.count, amount, amountLabel: formatMoney(amount, g.currency) };
  });
}

export function toEntityBreakdown(views: readonly MetricView[], nowMs: number, topCounterparties = 10): EntityBreakdown {
  const byMetric = views.map((view) => ({ metric: view.metric, title: metricCatalog[view.metric].title, totals: view.totals, count: totalCount(view.totals) }));
  const byCurrency = toMoneyTotals(views.flatMap((view) => view.totals.map((t) => ({ currency: t.currency, amount: t.amount, count: t.count }))));
  const documents = views.flatMap((view) => view.documents);
  const byCounterparty = groupDocuments(documents, (d) => d.counterparty)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, topCounterparties);
  const order = new Map<string, number>(ageBuckets.map((b, i) => [b.label, i]));
  const byAge = groupDocuments(documents, (d) => {
    const since = parseWarehouseTime(d.since);
    return since === null ? null : ageBucketOf(since, nowMs);
  }).sort((a, b) => order.get(a.label)! - order.get(b.label)! || a.currency.localeCompare(b.currency));
  return { byMetric, byCurrency, byCounterparty, byAge, partial: views.some((view) => view.hasMore) };
}
