// The server process: telemetry first (so HTTP and pg are instrumented), then the service.
import { startTelemetry } from '../platform/telemetry/telemetry.ts';

startTelemetry('closewatch-server');
const { runServerProcess } = await import('./server-process.ts');
await runServerProcess();
