// Ingest's own metrics, through OpenTelemetry: records by outcome and source, spool size, flush latency.
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('closewatch.ingest');

const records = meter.createCounter('closewatch.ingest.records', {
  description: 'Records received, by outcome (accepted, rejected, duplicate) and source',
});
const flushLatency = meter.createHistogram('closewatch.ingest.flush.duration', {
  description: 'Time to insert one spooled batch into ClickHouse',
  unit: 'ms',
});
const flushedRows = meter.createCounter('closewatch.ingest.flushed_rows', { description: 'Rows inserted into ClickHouse' });

export type Outcome = 'accepted' | 'rejected' | 'duplicate';

export const ingestMetrics = {
  record(outcome: Outcome, source: string, count = 1): void {
    records.add(count, { outcome, source: source || '(unknown)' });
  },
  flushed(rows: number, latencyMs: number): void {
    flushedRows.add(rows);
    flushLatency.record(latencyMs);
  },
  /** Observes spool size and the age of the oldest unflushed data. */
  observeSpool(read: () => { bytes: number; lagMs: number }): void {
    meter.createObservableGauge('closewatch.ingest.spool.bytes', { unit: 'By' }).addCallback((r) => r.observe(read().bytes));
    meter.createObservableGauge('closewatch.ingest.lag', { unit: 'ms' }).addCallback((r) => r.observe(read().lagMs));
  },
};
