// Close risk as the API serves it. "Now" views (no asOf) come from the latest evaluation
// kept per process — recomputed in the background every few seconds (see
// close-risk-warmer.ts) and on demand when too old — because a full evaluation reads every
// open item of every entity, far more than an overview may cost per page view. Each answer
// says when it was computed. As-of views are reproducible and computed on demand.
import type { ClickHouseClient } from '@clickhouse/client';
import type { FinanceSettings } from '../../settings/finance-settings.ts';
import { closeRisk, type CloseRiskInput, type CloseRiskResult } from '../close-risk.ts';
import { LatestResultCache } from '../snapshots/latest-result-cache.ts';
import { closeRiskTrend, type CloseRiskTrend, type CloseRiskTrendInput } from './close-risk-trend.ts';

/** A close-risk result with the moment its numbers describe (ISO 8601 UTC). */
export type Computed<T> = T & { computed_at: string };

export const closeRiskCacheTiming = { freshMs: 15_000, maxStaleMs: 5 * 60_000 };

const overviews = new WeakMap<ClickHouseClient, LatestResultCache<CloseRiskResult>>();
const trends = new WeakMap<ClickHouseClient, LatestResultCache<CloseRiskTrend>>();

function cacheOf<T>(map: WeakMap<ClickHouseClient, LatestResultCache<T>>, ch: ClickHouseClient): LatestResultCache<T> {
  let cache = map.get(ch);
  if (!cache) map.set(ch, (cache = new LatestResultCache<T>(closeRiskCacheTiming)));
  return cache;
}

/** Settings are part of the key: a changed SLA or calendar never serves an old number. */
const keyOf = (settings: FinanceSettings, input: object) => JSON.stringify([input, settings]);

export async function closeRiskServed(ch: ClickHouseClient, settings: FinanceSettings, input: CloseRiskInput): Promise<Computed<CloseRiskResult>> {
  if (input.asOf !== undefined) return { ...(await closeRisk(ch, settings, input)), computed_at: new Date(Date.parse(input.asOf)).toISOString() };
  const key = keyOf(settings, { entities: input.entities, period: input.period });
  const { result, computedAt } = await cacheOf(overviews, ch).get(key, () => closeRisk(ch, settings, { ...input, asOf: new Date().toISOString() }));
  return { ...result, computed_at: new Date(computedAt).toISOString() };
}

export async function closeRiskTrendServed(ch: ClickHouseClient, settings: FinanceSettings, input: CloseRiskTrendInput): Promise<Computed<CloseRiskTrend>> {
  if (input.asOf !== undefined) return { ...(await closeRiskTrend(ch, settings, input)), computed_at: new Date(Date.parse(input.asOf)).toISOString() };
  const key = keyOf(settings, { entities: input.entities, period: input.period, days: input.days });
  const { result, computedAt } = await cacheOf(trends, ch).get(key, () => closeRiskTrend(ch, settings, { ...input, asOf: new Date().toISOString() }));
  return { ...result, computed_at: new Date(computedAt).toISOString() };
}
