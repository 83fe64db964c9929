// The process-wide exporter that keeps ingest's metrics in ClickHouse. OpenTelemetry's
// meter provider is global, so this is too: the entry point registers it with a reader,
// the ingest service binds it to its spool once that is open.
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SpoolMetricExporter } from './spool-metric-exporter.ts';

export const ingestMetricExporter = new SpoolMetricExporter('ingest');

export function ingestMetricReader(intervalMs = 10_000): PeriodicExportingMetricReader {
  return new PeriodicExportingMetricReader({ exporter: ingestMetricExporter, exportIntervalMillis: intervalMs, exportTimeoutMillis: Math.min(intervalMs, 30_000) });
}
