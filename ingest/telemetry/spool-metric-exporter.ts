// An OpenTelemetry metric exporter that writes ingest's own metrics into ClickHouse through
// the spool (so they survive a ClickHouse outage like any other record). Delta temporality:
// each row is what happened in one export interval.
import { hostname } from 'node:os';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';

export interface MetricSink {
  append(data: Buffer): Promise<void>;
}

export class SpoolMetricExporter implements PushMetricExporter {
  private sink: MetricSink | undefined;
  private readonly instance = `${hostname()}:${process.pid}`;

  constructor(private readonly service: string) {}

  /** Metrics exported before a sink is bound are dropped (the process is still starting). */
  bind(sink: MetricSink | undefined): void {
    this.sink = sink;
  }

  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    const lines = this.sink ? toLines(metrics, this.service, this.instance) : [];
    if (!this.sink || lines.length === 0) return done({ code: ExportResultCode.SUCCESS });
    this.sink.append(Buffer.from(lines.join(''))).then(
      () => done({ code: ExportResultCode.SUCCESS }),
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    );
  }

  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.DELTA;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.sink = undefined;
  }
}

function toLines(metrics: ResourceMetrics, service: string, instance: string): string[] {
  const lines: string[] = [];
  for (const scope of metrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      for (const point of metric.dataPoints) {
        const time = toClickHouseDateTime64(point.endTime[0] * 1000 + Math.floor(point.endTime[1] / 1e6));
        const attributes = Object.fromEntries(Object.entries(point.attributes).map(([k, v]) => [k, String(v)]));
        const base = { time, service, instance, metric: metric.descriptor.name, attributes };
        if (metric.dataPointType === DataPointType.HISTOGRAM) {
          const h = point.value as { sum?: number; count: number; max?: number };
          if (h.count === 0) continue;
          lines.push(row({ ...base, value: h.sum ?? 0, count: h.count, max: h.max ?? 0 }));
        } else if (typeof point.value === 'number') {
          if (metric.dataPointType === DataPointType.SUM && point.value === 0) continue;
          lines.push(row({ ...base, value: point.value, count: 0, max: 0 }));
        }
      }
    }
  }
  return lines;
}

const row = (r: object) => `ingest_metrics\t${JSON.stringify(r)}\n`;
