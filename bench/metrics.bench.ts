// Metrics benchmark (issue #4): loads the simulator's records (default 10M finance events) into
// an embedded ClickHouse, row for row what ingest writes, and times every dashboard procedure
// through the tRPC caller — p50/p95 per procedure, the engine's own time for the same SQL
// (X-ClickHouse-Summary elapsed_ns; see bench/metrics/engine-timing.ts) and the ratio
// API p95 / engine p95. It measures first after 1M events, then again at the full size, so
// each figure's growth shows. Progress goes to stderr; the last stdout line is one JSON summary.
// Run with `npm run bench:metrics`; sizes by env (BENCH_METRICS_EVENTS=200000 while developing).
// To add a procedure, add a line to `procedures` below.
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { queryRows, chSql } from '../platform/clickhouse/sql-template.ts';
import { buildKeptReceivables } from '../server/receivables/kept-receivables.ts';
import { createContextInner } from '../server/trpc/context.ts';
import { peakRssMb, progress } from './support/bench-stack.ts';
import { openMetricsBenchStores } from './metrics/bench-stores.ts';
import { drained, recordingClient, type StatementSink } from './metrics/engine-timing.ts';
import { EventLoader } from './metrics/event-loader.ts';
import { measureProcedure, type ProcedureFigures } from './metrics/measure-procedure.ts';
import { resolveProcedure } from './metrics/procedure-callers.ts';
import { buildStateSnapshot } from '../server/state-snapshots/build-state-snapshot.ts';
import { defaultWatermarkMarginMs } from '../platform/clickhouse/write-watermark.ts';
import { snapshottedStates } from '../sql/queries/state-snapshots.sql.ts';
import { runPaymentMatcher } from '../server/matching/payment-matcher.ts';
import { buildKeptDuplicatePairs, pairingSettings } from '../server/duplicates/kept-duplicate-pairs.ts';
import { buildKeptSlaClocks } from '../server/sla-clocks/kept-sla-clocks.ts';
import { buildKeptConfirmations } from '../server/bank-confirmations/kept-confirmations.ts';
import { loadFinanceSettings } from '../server/settings/finance-settings.ts';

/** What a procedure's input may draw on: the loaded data at the moment of measuring. */
interface Loaded {
  /** Latest business time loaded, ISO: the as-of paths are evaluated there. */
  asOf: string;
  /** Real documents, for single-document procedures (used in turn). */
  documents: { entity: string; documentType: string; documentId: string }[];
}

type Kind = 'overview' | 'drilldown' | 'document';
const targetP95Ms: Record<Kind, number> = { overview: 300, drilldown: 200, document: 50 };
const targetRatio = 1.3;

// name, tRPC path, kind (sets the p95 target), input per iteration, and optionally the
// router-entries file to take it from while it is not yet in appRouter.
const procedures: { name: string; path: string; kind: Kind; input: (d: Loaded, i: number) => unknown; entries?: string }[] = [
  { name: 'stuckDocuments', path: 'metrics.stuckDocuments', kind: 'drilldown', input: () => ({}) },
  { name: 'stuckDocumentsAsOf', path: 'metrics.stuckDocuments', kind: 'drilldown', input: (d) => ({ asOf: d.asOf }) },
  { name: 'unmatchedPayments', path: 'metrics.unmatchedPayments', kind: 'drilldown', input: () => ({}) },
  { name: 'unmatchedPaymentsAsOf', path: 'metrics.unmatchedPayments', kind: 'drilldown', input: (d) => ({ asOf: d.asOf }) },
  { name: 'delayedConfirmations', path: 'metrics.delayedConfirmations', kind: 'drilldown', input: () => ({}) },
  { name: 'forecastVariance', path: 'metrics.forecastVariance', kind: 'drilldown', input: () => ({}) },
  { name: 'receivablesMisalignment', path: 'metrics.receivablesMisalignment', kind: 'drilldown', input: () => ({}) },
  { name: 'duplicatePaymentRisk', path: 'metrics.duplicatePaymentRisk', kind: 'drilldown', input: () => ({}) },
  { name: 'integrationHealth', path: 'metrics.integrationHealth', kind: 'drilldown', input: () => ({}) },
  { name: 'documentTimeline', path: 'documents.timeline', kind: 'document', input: (d, i) => d.documents[i % d.documents.length] },
  { name: 'documentState', path: 'documents.state', kind: 'document', input: (d, i) => d.documents[i % d.documents.length] },
  // Last: their cold computations are the slowest of all (at 10M one ran out of memory and
  // took the engine down before the bound in engine-baseline.ts), so they cannot cost the rest.
  { name: 'closeRisk', path: 'metrics.closeRisk', kind: 'overview', input: () => ({}), entries: 'server/metrics/close-risk-router-entries.ts' },
  { name: 'closeRiskTrend', path: 'metrics.closeRiskTrend', kind: 'overview', input: () => ({}) },
];

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const totalEvents = env('BENCH_METRICS_EVENTS', 10_000_000);
const firstStage = env('BENCH_METRICS_FIRST_EVENTS', Math.min(1_000_000, Math.floor(totalEvents / 10)));
const documentsPerDay = env('BENCH_METRICS_DOCS_PER_DAY', 4000);
// The generator yields about 6.2 accepted events per day per daily document; 10 % spare.
const days = Math.ceil((totalEvents / (documentsPerDay * 6.2)) * 1.1) + 1;
const measure = {
  iterations: env('BENCH_METRICS_ITERATIONS', 20),
  minIterations: env('BENCH_METRICS_MIN_ITERATIONS', 5),
  budgetSeconds: env('BENCH_METRICS_SECONDS_PER_PROCEDURE', 40),
  bareIterations: env('BENCH_METRICS_BARE_ITERATIONS', 3),
  slowCallSeconds: env('BENCH_METRICS_SLOW_CALL_SECONDS', 30),
  callTimeoutSeconds: env('BENCH_METRICS_CALL_TIMEOUT_SECONDS', 300),
};
/**
 * A data directory a run with BENCH_METRICS_KEEP=1 and the same sizes left (the same day: the
 * generator's window ends today): measured as it is, without loading it again. The generator
 * runs on past what is stored, so the events after the base and the overlay are new ones.
 */
const reuseDir = process.env.BENCH_METRICS_DATA_DIR;
const keepData = process.env.BENCH_METRICS_KEEP === '1' || reuseDir !== undefined;
/** Comma-separated procedure names to measure (default all; 'none' only loads). */
const only = process.env.BENCH_METRICS_ONLY?.split(',');

async function settle(ch: Parameters<typeof queryRows>[0]): Promise<Record<string, string>> {
  const until = performance.now() + env('BENCH_METRICS_SETTLE_SECONDS', 90) * 1000;
  while (performance.now() < until) {
    const [row] = await queryRows<{ merges: string }>(ch, chSql`SELECT toString(count()) AS merges FROM system.merges WHERE database = currentDatabase()`);
    if (row?.merges === '0') break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const parts = await queryRows<{ table: string; parts: string }>(ch, chSql`
    SELECT table, toString(count()) AS parts FROM system.parts WHERE active AND database = currentDatabase() GROUP BY table ORDER BY table`);
  return Object.fromEntries(parts.map((p) => [p.table, p.parts]));
}

async function main(): Promise<void> {
  const stores = await openMetricsBenchStores({ dataDir: reuseDir });
  const now = Date.now();
  const start = new Date(Math.floor(now / 86_400_000 - days) * 86_400_000); // the window ends about today
  progress(`ClickHouse ${stores.connection.url} (own process), PostgreSQL: ${stores.postgres}, data ${stores.stack.dataDir}`);
  progress(`generator: ${days} days from ${start.toISOString().slice(0, 10)}, ${documentsPerDay} documents/business day; stages ${firstStage}, ${totalEvents} events`);
  const loader = new EventLoader(stores.ch, { seed: 42, start, days, documentsPerDay, batchRows: env('BENCH_METRICS_BATCH_ROWS', 50_000) });
  const stages: { events: number; documents: number; snapshots: Record<string, number>; deltaEvents: number; tailEvents: number; figures: Record<string, ProcedureFigures | { missing: string }> }[] = [];
  const loadStarted = performance.now();
  let lastReport = 0;
  let targets = [...new Set([firstStage, totalEvents])].filter((n) => n > 0);
  if (reuseDir) {
    const [stored] = await queryRows<{ events: string }>(stores.ch, chSql`SELECT toString(count()) AS events FROM finance_events`);
    const skipped = await loader.skipUntil(Number(stored!.events));
    progress(`reusing ${reuseDir}: ${stored!.events} events stored; generator moved on past ${skipped.events} without writing`);
    targets = [skipped.events];
  }
  try {
    for (const target of targets) {
      const loaded = await loader.loadUntil(target, (l) => {
        if (performance.now() - lastReport < 10_000) return;
        lastReport = performance.now();
        const seconds = (performance.now() - loadStarted) / 1000;
        progress(`loaded ${l.events} events (${Math.round(l.events / seconds)}/s), ${l.quarantined} quarantined, ${l.duplicates} redeliveries dropped; ${l.buildSeconds.toFixed(0)} s building rows, ${l.waitSeconds.toFixed(0)} s waiting for ClickHouse; bench RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
      });
      // (loaded is the loader's live count: the events of this stage are what it says now)
      const stageEvents = loaded.events;
      progress(`stage ${target}: ${stageEvents} events in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s; waiting for merges`);
      const parts = await settle(stores.ch);
      const [count] = await queryRows<{ documents: string }>(stores.ch, chSql`
        SELECT toString(count()) AS documents FROM (SELECT 1 FROM document_state GROUP BY entity, document_type, document_id)`);
      // As the server's snapshot loop would have done by now: build the state snapshots' base,
      // let more events arrive, fold them into an overlay — the loop builds one every few
      // seconds while events arrive — and measure then.
      const snapshots: Record<string, number> = {};
      const build = async (kind: 'base' | 'overlay') => {
        for (const state of snapshottedStates) {
          const b = await buildStateSnapshot(stores.ch, state, { kind });
          snapshots[`${state}_${kind}_ms`] = b.buildMs;
          snapshots[`${state}_${kind}_documents`] = b.documents;
          progress(`stage ${target}: ${state} ${kind} of ${b.documents} documents built in ${b.buildMs} ms`);
        }
      };
      // The server's payment matcher runs every 5 s, so it has matched all but the last seconds.
      const settings = await loadFinanceSettings(stores.db);
      const match = async (kind: 'catch_up' | 'after_overlay') => {
        const started = performance.now();
        const run = await runPaymentMatcher(stores.ch, settings, { maxChangedRows: Infinity });
        snapshots[`payment_matcher_${kind}_ms`] = Math.round(performance.now() - started);
        progress(`stage ${target}: payment matcher ${kind} (${run.outcome}) in ${snapshots[`payment_matcher_${kind}_ms`]} ms`);
      };
      // The server's kept-findings loop keeps generations of SLA clocks, watched confirmations, duplicate pairs and receivables, every 15 s.
      const keepFindings = async (kind: 'base' | 'overlay') => {
        const clocks = await buildKeptSlaClocks(stores.ch, settings);
        snapshots[`sla_clocks_${kind}_ms`] = clocks.buildMs;
        progress(`stage ${target}: SLA clocks (${clocks.documents} documents) kept in ${clocks.buildMs} ms`);
        const watched = await buildKeptConfirmations(stores.ch);
        snapshots[`watched_confirmations_${kind}_ms`] = watched.buildMs;
        progress(`stage ${target}: watched confirmations (${watched.payments} payments) kept in ${watched.buildMs} ms`);
        const built = await buildKeptDuplicatePairs(stores.ch, pairingSettings(settings));
        snapshots[`duplicate_pairs_${kind}_ms`] = built.buildMs;
        progress(`stage ${target}: duplicate pairs (${built.captures} captures, ${built.pairs} pairs) kept in ${built.buildMs} ms`);
        const receivables = await buildKeptReceivables(stores.ch);
        snapshots[`receivables_${kind}_ms`] = receivables.buildMs;
        progress(`stage ${target}: receivables (${receivables.documents} documents, ${receivables.keys} invoice keys) kept in ${receivables.buildMs} ms`);
      };
      await build('base');
      await keepFindings('base');
      await match('catch_up');
      const deltaEvents = env('BENCH_METRICS_EVENTS_AFTER_BASE', Math.ceil(0.02 * Number(count?.documents)));
      await loader.loadUntil(stageEvents + deltaEvents, () => undefined);
      // The loop builds an overlay every few seconds; its watermark trails the clock by a
      // safety margin, so the overlay built once the margin has passed holds every change.
      await new Promise((resolve) => setTimeout(resolve, defaultWatermarkMarginMs + 1000));
      await build('overlay');
      await keepFindings('overlay');
      await match('after_overlay');
      // The last seconds of a busy stream, not yet in any overlay: read through the fresh merge.
      const tailEvents = env('BENCH_METRICS_EVENTS_AFTER_OVERLAY', 500);
      await loader.loadUntil(stageEvents + deltaEvents + tailEvents, () => undefined);
      progress(`stage ${target}: ${deltaEvents} events loaded between the base and the overlay, ${tailEvents} after it`);
      const documents = await queryRows<{ entity: string; documentType: string; documentId: string }>(stores.ch, chSql`
        SELECT entity, document_type AS documentType, document_id AS documentId FROM document_state
        WHERE cityHash64(document_id) % 997 = 7 GROUP BY entity, document_type, document_id ORDER BY document_id LIMIT 25`);
      const data: Loaded = { asOf: new Date(loaded.lastTimeMs).toISOString(), documents };
      progress(`stage ${target}: ${count?.documents} documents; active parts ${JSON.stringify(parts)}; as-of ${data.asOf}`);
      const figures: Record<string, ProcedureFigures | { missing: string }> = {};
      progress(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
      for (const procedure of procedures.filter((p) => !only || only.includes(p.name))) {
        // Its own client and recording: work a procedure leaves running (a cache refreshing in
        // the background) is neither counted for the next one nor left to compete with it.
        const sink: StatementSink = { records: undefined, inFlight: 0 };
        const ctx = createContextInner({ ch: recordingClient(stores.ch, sink), db: stores.db });
        const resolved = await resolveProcedure(ctx, procedure.path, procedure.entries);
        if (!resolved.call) {
          progress(`  ${procedure.name}: ${resolved.origin}`);
          figures[procedure.name] = { missing: resolved.origin };
          continue;
        }
        try {
          const f = await measureProcedure(resolved.call, (i) => procedure.input(data, i), sink, stores.ch, measure);
          figures[procedure.name] = f;
          progress(`  ${procedure.name}: p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, engine p95 ${f.engine_p95_ms} ms, bare client p95 ${f.bare_p95_ms} ms, ratio ${f.ratio} (${f.iterations} calls, ${f.statements} statements, warm-up ${f.warmup_ms} ms)`);
          for (const s of f.slowest_statements) progress(`      ${s.engine_ms} ms  ${s.sql}`);
        } catch (error) {
          const message = (error as Error).message.split('\n')[0]!.slice(0, 300);
          progress(`  ${procedure.name}: failed: ${message}`);
          figures[procedure.name] = { missing: `failed: ${message}` };
        }
        const waited = await drained(sink, env('BENCH_METRICS_DRAIN_SECONDS', 300) * 1000);
        if (waited > 1000) progress(`      waited ${Math.round(waited / 1000)} s for ${procedure.name}'s background statements to finish`);
      }
      stages.push({ events: loaded.events, documents: Number(count?.documents), snapshots, deltaEvents, tailEvents, figures });
      if (loaded.exhausted) break;
    }
  } finally {
    if (keepData) {
      const captured = stages.map((s) => ({ events: s.events, statements: Object.fromEntries(Object.entries(s.figures).map(([k, f]) => [k, 'last' in f ? f.last.map((r) => ({ query: r.query, params: r.params })) : []])) }));
      writeFileSync(join(stores.stack.dataDir, 'metrics-bench-statements.json'), JSON.stringify(captured, null, 1));
      progress(`kept data and captured SQL in ${stores.stack.dataDir}`);
    }
    // A store that will not close must not keep the process (and its engines) alive.
    await Promise.race([stores.close({ keepData }), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
  }
  const final = stages.at(-1)!;
  const first = stages.length > 1 ? stages[0]! : undefined;
  const summary: Record<string, unknown> = {};
  const targetsMet: Record<string, unknown> = {};
  for (const procedure of procedures) {
    const f = final.figures[procedure.name];
    if (!f || 'missing' in f) {
      summary[procedure.name] = { missing: f?.missing ?? 'not measured' };
      continue;
    }
    const before = first?.figures[procedure.name];
    const p95First = before && !('missing' in before) ? before.p95_ms : null;
    summary[procedure.name] = {
      p50_ms: f.p50_ms,
      p95_ms: f.p95_ms,
      engine_p95_ms: f.engine_p95_ms,
      ratio: f.ratio,
      p95_first_stage_ms: p95First,
      growth_p95: p95First ? Math.round((f.p95_ms / p95First) * 10) / 10 : null,
      bare_p95_ms: f.bare_p95_ms,
      warmup_ms: f.warmup_ms,
      calls: f.iterations,
      ...(f.served_from_cache ? { served_from_cache: true } : {}),
    };
    targetsMet[procedure.name] = { p95: f.p95_ms <= targetP95Ms[procedure.kind], ratio: f.ratio === null ? null : f.ratio <= targetRatio, target_p95_ms: targetP95Ms[procedure.kind] };
  }
  const peak = await peakRssMb(process.pid);
  process.stdout.write(
    `${JSON.stringify({ bench: 'metrics', events: final.events, documents: final.documents, snapshots: final.snapshots, events_after_base: final.deltaEvents, events_after_overlay: final.tailEvents, first_stage: first ? { events: first.events, documents: first.documents, snapshots: first.snapshots } : null, procedures: summary, targets_met: targetsMet, bench_peak_rss_mb: peak })}\n`,
  );
}

await main();
process.exit(0); // the embedded engines exit with this process
