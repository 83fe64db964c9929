// The pure mapping of metrics.integrationHealth to the page: error rates as percentages,
// latencies in readable units (— without samples), a flow with errors or dead letters failing,
// one unseen for over an hour stale, sources stale or quiet all window needing attention, and
// quarantined counts that can (or cannot) filter the quarantine by source.
import { describe, expect, it } from 'vitest';
import { formatErrorRate, toFlowHealth } from '../../web/src/integration/flow-health.ts';
import { toIntegrationMetricsView, type IntegrationHealthAnswer } from '../../web/src/integration/integration-metrics-view.ts';
import { toSourceFreshness } from '../../web/src/integration/source-freshness.ts';

type Flow = IntegrationHealthAnswer['flows'][number];
type Source = IntegrationHealthAnswer['sources']['rows'][number];

const flow = (over: Partial<Flow> = {}): Flow => ({
  flow: 'o2c.invoice-sync', basis: 'spans', messages: 1200, errors: 0, error_rate: 0, p50_ms: 850, p95_ms: 1700, p99_ms: 125_000,
  retries: 3, dead_letters: 0, last_seen: '2026-11-26 09:59:00.000', freshness_s: 60, ...over,
});
const source = (over: Partial<Source> = {}): Source => ({
  source: 'erp/sap-de', events: 42, last_event_at: '2026-11-26 09:58:00.000', last_received_at: '2026-11-26 09:58:01.000', freshness_s: 120,
  typical_gap_s: 90, stale_after_s: 300, stale: false, quiet_before_window: false, quarantined: 0, ...over,
});

describe('toFlowHealth', () => {
  it('formats throughput, error rate and latency percentiles', () => {
    const f = toFlowHealth(flow({ errors: 30, error_rate: 0.025 }), 'en-US');
    expect(f.errorRateLabel).toBe('2.5%');
    expect(f.latencyLabels).toEqual({ p50: '850 ms', p95: '1.7 s', p99: '2 min 5 s' });
    expect(f.freshnessLabel).toBe('1 min ago');
    expect(f.lastSeenLabel).toBe('26 Nov 2026, 09:59 UTC');
    expect(f.basisLabel).toBe('traces');
    expect(f).toMatchObject({ messages: 1200, errors: 30, failing: true, stale: false, attention: true });
  });

  it('is healthy with no errors and recent data; stale after an hour unseen; failing on dead letters alone', () => {
    expect(toFlowHealth(flow())).toMatchObject({ failing: false, stale: false, attention: false });
    expect(toFlowHealth(flow({ freshness_s: 3601, basis: 'none', messages: 0, error_rate: null }))).toMatchObject({ stale: true, attention: true, errorRateLabel: '—', basisLabel: 'nothing in window' });
    expect(toFlowHealth(flow({ freshness_s: 3600 })).stale).toBe(false);
    expect(toFlowHealth(flow({ dead_letters: 1 }))).toMatchObject({ failing: true, attention: true });
  });

  it('shows — for a latency without samples', () => {
    expect(toFlowHealth(flow({ basis: 'events', p50_ms: null, p95_ms: null, p99_ms: null })).latencyLabels).toEqual({ p50: '—', p95: '—', p99: '—' });
  });

  it('refuses a count that is not a whole number, naming the flow', () => {
    expect(() => toFlowHealth(flow({ messages: '12' as unknown as number }))).toThrow(/"12" messages for flow "o2c.invoice-sync"/);
    expect(() => toFlowHealth(flow({ errors: -1 }))).toThrow(/errors/);
  });

  it('formats error rates to at most two decimals of a percent', () => {
    expect(formatErrorRate(0.12345, 'en-US')).toBe('12.35%');
    expect(formatErrorRate(0, 'en-US')).toBe('0%');
    expect(formatErrorRate(null)).toBe('—');
  });
});

describe('toSourceFreshness', () => {
  it('reads a fresh source against its rhythm', () => {
    expect(toSourceFreshness(source())).toMatchObject({ freshnessLabel: '2 min ago', typicalGapLabel: 'every 1 min 30 s', staleAfterLabel: '5 min', attention: false, hasQuarantine: false });
  });

  it('highlights stale and quiet-before-window sources and links quarantined records', () => {
    expect(toSourceFreshness(source({ stale: true, freshness_s: 7200, quarantined: 3 }))).toMatchObject({ attention: true, hasQuarantine: true, quarantined: 3, quarantineFilterable: true });
    expect(toSourceFreshness(source({ quiet_before_window: true, stale: true, events: 0 }))).toMatchObject({ attention: true, quietBeforeWindow: true });
    const unverified = toSourceFreshness(source({ source: '(unverified)', last_event_at: null, freshness_s: null, typical_gap_s: null, stale: true, quarantined: 5 }));
    expect(unverified).toMatchObject({ quarantineFilterable: false, freshnessLabel: 'never', lastEventLabel: 'never', typicalGapLabel: 'too few events' });
  });
});

describe('toIntegrationMetricsView', () => {
  it('maps flows, sources, totals and computed_at', () => {
    const view = toIntegrationMetricsView({
      window: { from: '2026-11-25 10:00:00.000', to: '2026-11-26 10:00:00.000' },
      flows: [flow(), flow({ flow: 'p2p.payment-file', errors: 2, error_rate: 0.5, messages: 4 })],
      sources: { rows: [source({ stale: true, quarantined: 1 })], hasMore: true },
      totals: { flows: 2, messages: 1204, errors: 2, error_rate: 0.0017, retries: 6, dead_letters: 0, sources: 1, stale_sources: 1, quiet_before_window: 0, events: 42, quarantined: 1 },
      ingest: [],
      computed_at: '2026-11-26T10:00:05.000Z',
    } as IntegrationHealthAnswer);
    expect(view.flows.map((f) => [f.flow, f.attention])).toEqual([['o2c.invoice-sync', false], ['p2p.payment-file', true]]);
    expect(view.sources[0]).toMatchObject({ source: 'erp/sap-de', attention: true, hasQuarantine: true });
    expect(view.moreSources).toBe(true);
    expect(view.totals).toEqual({ flows: 2, messages: 1204, errors: 2, errorRate: 0.0017, staleSources: 1, quietSources: 0, quarantined: 1 });
    expect(view.computedAt).toBe(Date.parse('2026-11-26T10:00:05.000Z'));
  });
});
