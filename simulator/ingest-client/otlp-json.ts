// Middleware spans as an OTLP/HTTP JSON ExportTraceServiceRequest: one resource per
// reporting service, hex trace and span ids, nanosecond times as decimal strings.
import type { SimSpan } from '../sim-event.ts';

const spanKind: Readonly<Record<SimSpan['kind'], number>> = { internal: 1, client: 3, consumer: 5 };
const statusOk = 1;
const statusError = 2;

const nanos = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();
const attribute = (key: string, value: string) => ({ key, value: { stringValue: value } });

export function exportTraceServiceRequest(spans: readonly SimSpan[]) {
  const byService = new Map<string, SimSpan[]>();
  for (const span of spans) {
    const list = byService.get(span.service);
    if (list) list.push(span);
    else byService.set(span.service, [span]);
  }
  return {
    resourceSpans: [...byService].map(([service, list]) => ({
      resource: { attributes: [attribute('service.name', service)] },
      scopeSpans: [
        {
          scope: { name: 'closewatch-simulator', version: '1' },
          spans: list.map((s) => ({
            traceId: s.traceId,
            spanId: s.spanId,
            ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
            name: s.name,
            kind: spanKind[s.kind],
            startTimeUnixNano: nanos(s.startMs),
            endTimeUnixNano: nanos(s.endMs),
            attributes: Object.entries(s.attributes).map(([k, v]) => attribute(k, v)),
            status: s.ok ? { code: statusOk } : { code: statusError, message: s.statusMessage ?? 'error' },
          })),
        },
      ],
    })),
  };
}
