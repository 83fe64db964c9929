// Self-observability: the OpenTelemetry Node SDK with HTTP and PostgreSQL instrumentation
// (ClickHouse calls are HTTP calls of @clickhouse/client, plus explicit spans), exported over
// OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
import { register } from 'node:module';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';

let sdk: NodeSDK | undefined;

/**
 * Starts telemetry for a process. Call before importing the modules it should instrument
 * (entry points import their application dynamically after this).
 */
export function startTelemetry(serviceName: string, opts: { metricReaders?: IMetricReader[] } = {}): void {
  if (sdk) return;
  const exporting = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  // ESM modules are patched through the loader hook; CommonJS ones (pg) through require hooks.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  sdk = new NodeSDK({
    serviceName,
    traceExporter: exporting ? new OTLPTraceExporter() : undefined,
    spanProcessors: exporting ? undefined : [],
    metricReaders: [
      ...(exporting ? [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 10_000 })] : []),
      ...(opts.metricReaders ?? []),
    ],
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation()],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
