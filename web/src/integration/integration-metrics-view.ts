// Maps a whole metrics.integrationHealth answer to the page's flows and freshness sections:
// flows needing attention first (then most messages), sources as the server orders them
// (stalest first), the totals, and when the server computed the answer.
import type { ApiOutputs } from '../lib/trpc.ts';
import { toFlowHealth, type FlowHealth } from './flow-health.ts';
import { toSourceFreshness, type SourceFreshness } from './source-freshness.ts';

export type IntegrationHealthAnswer = ApiOutputs['metrics']['integrationHealth'];

export interface IntegrationMetricsView {
  flows: FlowHealth[];
  sources: SourceFreshness[];
  /** More sources than the page asked for exist. */
  moreSources: boolean;
  totals: { flows: number; messages: number; errors: number; errorRate: number | null; staleSources: number; quietSources: number; quarantined: number };
  /** Epoch ms the server computed the answer; null if it did not say. */
  computedAt: number | null;
}

export function toIntegrationMetricsView(data: IntegrationHealthAnswer, locale?: string): IntegrationMetricsView {
  const computedAt = data.computed_at ? Date.parse(data.computed_at) : NaN;
  const t = data.totals;
  return {
    flows: data.flows.map((row) => toFlowHealth(row, locale)),
    sources: data.sources.rows.map(toSourceFreshness),
    moreSources: data.sources.hasMore,
    totals: {
      flows: t.flows,
      messages: t.messages,
      errors: t.errors,
      errorRate: t.error_rate,
      staleSources: Number(t.stale_sources),
      quietSources: Number(t.quiet_before_window),
      quarantined: Number(t.quarantined),
    },
    computedAt: Number.isNaN(computedAt) ? null : computedAt,
  };
}
