// A metric as the dashboard's server serves it: each distinct question (procedure, filters,
// page, settings in force) is answered from the latest evaluation kept per process — fresh for
// 15 s, then served while one refresh runs, recomputed first after 5 minutes — because a full
// evaluation reads every open document, while a dashboard asks the same questions every few
// seconds from every open tab. Each answer carries `computed_at`, the moment its numbers
// describe. Callers without a cache in their context (tests, benchmarks, scripts) always compute.
import type { FinanceSettings } from '../../settings/finance-settings.ts';
import type { Context } from '../../trpc/context.ts';
import type { CacheTiming } from './latest-result-cache.ts';

export const metricCacheTiming: CacheTiming = { freshMs: 15_000, maxStaleMs: 5 * 60_000 };

export type Served<T> = T & { computed_at: string };

export async function servedMetric<T extends object>(
  ctx: Pick<Context, 'results'>,
  procedure: string,
  input: unknown,
  settings: FinanceSettings | null,
  compute: () => Promise<T>,
): Promise<Served<T>> {
  if (!ctx.results) {
    const startedAt = new Date().toISOString();
    return { ...(await compute()), computed_at: startedAt };
  }
  // settings are part of the question: a changed SLA or calendar never serves an old number
  const key = JSON.stringify([procedure, input, settings]);
  const { result, computedAt } = await ctx.results.get(key, compute);
  return { ...(result as T), computed_at: new Date(computedAt).toISOString() };
}
