// The ingest process: telemetry first (so HTTP and pg are instrumented), then the service.
import { startTelemetry } from '../platform/telemetry/telemetry.ts';

startTelemetry('closewatch-ingest');
const { runIngestProcess } = await import('./ingest-process.ts');
await runIngestProcess();
