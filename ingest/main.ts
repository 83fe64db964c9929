// The ingest process: telemetry first (so HTTP and pg are instrumented), then the service.
import { startTelemetry } from '../platform/telemetry/telemetry.ts';
import { ingestMetricReader } from './telemetry/ingest-metric-store.ts';

startTelemetry('closewatch-ingest', { metricReaders: [ingestMetricReader()] });
const { runIngestProcess } = await import('./ingest-process.ts');
await runIngestProcess();
