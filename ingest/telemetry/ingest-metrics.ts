// Ingest's own metrics, through OpenTelemetry: records by outcome and source, spool size,
// flush latency and lag. Instruments are created on first use, after the process has
// registered its meter provider (the metrics API has no proxy for earlier callers).
import { metrics, type Counter, type Histogram } from '@opentelemetry/api';

export type Outcome = 'accepted' | 'rejected' | 'duplicate';

let instruments: { records: Counter; flushedRows: Counter; flushLatency: Histogram } | undefined;

function meter() {
  return metrics.getMeter('closewatch.ingest');
}

function get() {
  instruments ??= {
    records: meter().createCounter('closewatch.ingest.records', { description: 'Records received, by outcome (accepted, rejected, duplicate) and source' }),
    flushedRows: meter().createCounter('closewatch.ingest.flushed_rows', { description: 'Rows inserted into ClickHouse' }),
    flushLatency: meter().createHistogram('closewatch.ingest.flush.duration', { description: 'Time to insert one spooled batch into ClickHouse', unit: 'ms' }),
  };
  return instruments;
}

export const ingestMetrics = {
  record(outcome: Outcome, source: string, count = 1): void {
    get().records.add(count, { outcome, source: source || '(unknown)' });
  },
  flushed(rows: number, latencyMs: number): void {
    get().flushedRows.add(rows);
    get().flushLatency.record(latencyMs);
  },
  /** Observes spool size and the age of the oldest unflushed data. */
  observeSpool(read: () => { bytes: number; lagMs: number }): void {
    meter().createObservableGauge('closewatch.ingest.spool.bytes', { unit: 'By' }).addCallback((r) => r.observe(read().bytes));
    meter().createObservableGauge('closewatch.ingest.lag', { unit: 'ms' }).addCallback((r) => r.observe(read().lagMs));
  },
};
