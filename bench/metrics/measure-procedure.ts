// Times one procedure: a warm-up call (reported apart: it may do one-off work, such as the
// payment matcher catching up), then repeated calls, each timed end to end through the tRPC
// caller (API) and by the engine's own report for the SQL it sent (engine); finally the same
// SQL replayed with a bare ClickHouse client (bare), which splits the gap between API and
// engine into transport and the procedure's own work.
import type { ClickHouseClient } from '@clickhouse/client';
import { percentile } from '../support/bench-stack.ts';
import { engineUnionMs, replayBare, type StatementRecord, type StatementSink } from './engine-timing.ts';
import type { ProcedureCall } from './procedure-callers.ts';

export interface MeasureOptions {
  iterations: number;
  /** Stop repeating after this many seconds (at least `minIterations` run). */
  budgetSeconds: number;
  minIterations: number;
  bareIterations: number;
  /** A warm-up slower than this many seconds gets one timed call and no bare replay (10M on a busy machine). */
  slowCallSeconds: number;
  /** A call slower than this fails the procedure ("timed out"); its statements are then waited for. */
  callTimeoutSeconds: number;
}

/** `call` with a deadline: a procedure too slow to measure is reported, not waited for forever. */
function withTimeout(call: ProcedureCall, seconds: number): ProcedureCall {
  return (input) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: one call took more than ${seconds} s`)), seconds * 1000);
    });
    return Promise.race([call(input), timeout]).finally(() => clearTimeout(timer));
  };
}

export interface ProcedureFigures {
  warmup_ms: number;
  iterations: number;
  p50_ms: number;
  p95_ms: number;
  engine_p50_ms: number;
  engine_p95_ms: number;
  bare_p95_ms: number | null;
  ratio: number | null;
  served_from_cache: boolean;
  statements: number;
  /** Per statement of the last call: engine ms and the start of its SQL. */
  slowest_statements: { engine_ms: number; sql: string }[];
  /** The last call's statements, kept for EXPLAIN. */
  last: StatementRecord[];
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const sortedNumbers = (values: number[]) => [...values].sort((a, b) => a - b);

export async function measureProcedure(
  call: ProcedureCall,
  input: (iteration: number) => unknown,
  sink: StatementSink,
  bare: ClickHouseClient,
  opts: MeasureOptions,
): Promise<ProcedureFigures> {
  call = withTimeout(call, opts.callTimeoutSeconds);
  const warmStart = performance.now();
  await call(input(0));
  const warmup = performance.now() - warmStart;
  const slow = warmup > opts.slowCallSeconds * 1000;
  const api: number[] = [];
  const engine: number[] = [];
  let last: StatementRecord[] = [];
  const deadline = performance.now() + opts.budgetSeconds * 1000;
  for (let i = 1; i <= (slow ? 1 : opts.iterations) && (i <= opts.minIterations || performance.now() < deadline); i++) {
    sink.records = [];
    const started = performance.now();
    await call(input(i));
    api.push(performance.now() - started);
    last = sink.records;
    sink.records = undefined;
    engine.push(engineUnionMs(last));
  }
  const bareRuns: number[] = [];
  for (let i = 0; i < (slow ? 0 : opts.bareIterations); i++) bareRuns.push(await replayBare(bare, last));
  const apiSorted = sortedNumbers(api);
  const engineSorted = sortedNumbers(engine);
  const p95 = percentile(apiSorted, 0.95);
  const engineP95 = percentile(engineSorted, 0.95);
  return {
    warmup_ms: round(warmup),
    iterations: api.length,
    p50_ms: round(percentile(apiSorted, 0.5)),
    p95_ms: round(p95),
    engine_p50_ms: round(percentile(engineSorted, 0.5)),
    engine_p95_ms: round(engineP95),
    bare_p95_ms: bareRuns.length ? round(percentile(sortedNumbers(bareRuns), 0.95)) : null,
    // No statements: the answer came from the procedure's own cache (close risk); the
    // warm-up is then the computation, and an API/engine ratio has no meaning.
    ratio: engineP95 > 0 ? Math.round((p95 / engineP95) * 100) / 100 : null,
    served_from_cache: last.length === 0,
    statements: last.length,
    slowest_statements: [...last]
      .sort((a, b) => b.engineMs - a.engineMs)
      .slice(0, 3)
      .map((r) => ({ engine_ms: round(r.engineMs), sql: r.query.replace(/\s+/g, ' ').trim().slice(0, 100) })),
    last,
  };
}
