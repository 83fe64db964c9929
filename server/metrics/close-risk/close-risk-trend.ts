// Close-risk trend for the KPI sparkline: each entity's score at the same time of day on
// each of the last N days up to asOf, all for one period (the chosen one, or the period
// being closed at asOf), so the line shows one close getting better or worse.
// Each point is a full as-of evaluation (recomputed from the events known then), run two at
// a time: fine for a sparkline of up to 31 days; a daily snapshot table would make it cheap.
import type { ClickHouseClient } from '@clickhouse/client';
import type { FinanceSettings } from '../../settings/finance-settings.ts';
import { closeRisk, type CloseRiskInput, type CloseRiskResult } from '../close-risk.ts';

export interface CloseRiskTrendInput extends CloseRiskInput {
  days: number;
}

export interface CloseRiskTrend {
  period: string;
  reporting_currency: string;
  /** The evaluation moments, oldest first (ISO 8601 UTC). */
  as_of: string[];
  series: { entity: string; name: string; scores: (number | null)[]; levels: (string | null)[] }[];
}

const dayMs = 86_400_000;

export async function closeRiskTrend(ch: ClickHouseClient, settings: FinanceSettings, input: CloseRiskTrendInput): Promise<CloseRiskTrend> {
  const endMs = input.asOf ? Date.parse(input.asOf) : Date.now();
  const last = await closeRisk(ch, settings, { ...input, asOf: new Date(endMs).toISOString() });
  const moments = Array.from({ length: input.days }, (_, i) => new Date(endMs - (input.days - 1 - i) * dayMs).toISOString());
  const results: CloseRiskResult[] = new Array(moments.length);
  results[moments.length - 1] = last;
  const pending = moments.slice(0, -1).map((asOf, i) => ({ asOf, i }));
  const worker = async () => {
    for (let job = pending.shift(); job; job = pending.shift()) {
      results[job.i] = await closeRisk(ch, settings, { entities: input.entities, period: last.period, asOf: job.asOf });
    }
  };
  await Promise.all([worker(), worker()]);
  const entities = new Map<string, string>();
  for (const r of results) for (const e of r.entities) if (!entities.has(e.entity)) entities.set(e.entity, e.name);
  return {
    period: last.period,
    reporting_currency: last.reporting_currency,
    as_of: moments,
    series: [...entities].map(([entity, name]) => {
      const points = results.map((r) => r.entities.find((e) => e.entity === entity));
      return { entity, name, scores: points.map((p) => p?.score ?? null), levels: points.map((p) => p?.level ?? null) };
    }),
  };
}
