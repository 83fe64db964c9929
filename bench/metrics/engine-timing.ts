// What ClickHouse itself spends on a procedure's SQL: a ClickHouse client that records every
// statement it sends (SQL, parameters, when it was sent, when the response headers came) with
// the engine's own elapsed time from the X-ClickHouse-Summary header. A procedure's engine time
// is the length of the union of its statements' engine intervals, so statements run in
// parallel count once and statements run one after another add up.
//
// Why the summary header: chDB keeps no system.query_log (the table does not exist there), and
// the embedded endpoint stamps elapsed_ns from the moment the engine connection is prepared to
// the first result chunk (a buffered statement: to its end). For the aggregations measured here
// the first chunk comes only after the whole result is computed, so this is the engine's work
// without HTTP, client JSON parsing and the procedure's own code.
import type { ClickHouseClient } from '@clickhouse/client';

export interface StatementRecord {
  method: 'query' | 'command' | 'exec';
  query: string;
  params: Record<string, unknown> | undefined;
  /** performance.now() when the call was made. */
  sentAt: number;
  /** performance.now() when the response headers arrived. */
  headersAt: number;
  /** X-ClickHouse-Summary elapsed_ns, in ms (NaN when the header is missing). */
  engineMs: number;
}

/** Where recorded statements go; set `records` to an array to record, undefined to stop. */
export interface StatementSink {
  records: StatementRecord[] | undefined;
  /** Statements sent and not yet answered, recorded or not (a cache refreshing in the background). */
  inFlight: number;
}

/** Waits until no statement of `sink`'s client is running, up to `maxMs`; returns how long it waited. */
export async function drained(sink: StatementSink, maxMs: number): Promise<number> {
  const started = performance.now();
  while (sink.inFlight > 0 && performance.now() - started < maxMs) await new Promise((resolve) => setTimeout(resolve, 250));
  return performance.now() - started;
}

type Recorded = { response_headers?: Record<string, string | string[] | undefined> };

function engineMsOf(result: Recorded): number {
  const header = result.response_headers?.['x-clickhouse-summary'];
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return NaN;
  const elapsed = Number((JSON.parse(text) as { elapsed_ns?: string }).elapsed_ns);
  return elapsed > 0 ? elapsed / 1e6 : NaN;
}

/** `ch` with query/command/exec recorded into `sink`; everything else passes through. */
export function recordingClient(ch: ClickHouseClient, sink: StatementSink): ClickHouseClient {
  const recorded = new Set(['query', 'command', 'exec']);
  return new Proxy(ch, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof prop !== 'string' || !recorded.has(prop)) return value.bind(target);
      return async (params: { query: string; query_params?: Record<string, unknown> }) => {
        const sentAt = performance.now();
        sink.inFlight++;
        let result: Recorded;
        try {
          result = (await value.call(target, params)) as Recorded;
        } finally {
          sink.inFlight--;
        }
        const headersAt = performance.now();
        sink.records?.push({ method: prop as StatementRecord['method'], query: params.query, params: params.query_params, sentAt, headersAt, engineMs: engineMsOf(result) });
        return result;
      };
    },
  });
}

/** Total length of the union of the statements' engine intervals [headersAt − engineMs, headersAt]. */
export function engineUnionMs(records: StatementRecord[]): number {
  const intervals = records
    .filter((r) => Number.isFinite(r.engineMs))
    .map((r) => [Math.max(r.sentAt, r.headersAt - r.engineMs), r.headersAt] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of intervals) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** Statements grouped into phases: a phase starts when a statement is sent after all earlier ones answered. */
export function phasesOf(records: StatementRecord[]): StatementRecord[][] {
  const sorted = [...records].sort((a, b) => a.sentAt - b.sentAt);
  const phases: StatementRecord[][] = [];
  let answeredBy = -Infinity;
  for (const r of sorted) {
    if (phases.length === 0 || r.sentAt >= answeredBy) phases.push([]);
    phases.at(-1)!.push(r);
    answeredBy = Math.max(answeredBy, r.headersAt);
  }
  return phases;
}

/** Replays recorded statements with a bare client, phase by phase, each phase in parallel; wall ms. */
export async function replayBare(ch: ClickHouseClient, records: StatementRecord[]): Promise<number> {
  const started = performance.now();
  for (const phase of phasesOf(records)) {
    await Promise.all(
      phase.map(async (r) => {
        if (r.method === 'query') await (await ch.query({ query: r.query, query_params: r.params, format: 'JSONEachRow' })).text();
        else await ch.command({ query: r.query, query_params: r.params });
      }),
    );
  }
  return performance.now() - started;
}
