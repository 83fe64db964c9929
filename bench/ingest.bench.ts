// `npm run bench:ingest`: end-to-end ingest throughput (HTTP → validate → spool fsync →
// ClickHouse) against the same rows inserted straight into ClickHouse with @clickhouse/client,
// in the same run on the same embedded engine; p99 acknowledgement latency at half the
// maximum rate; ingest's peak RSS.
import { createApiKey } from '../ingest/auth/api-key-store.ts';
import { financeEventRow } from '../ingest/events/event-row.ts';
import { validateEvent } from '../ingest/events/validate-event.ts';
import { createClickHouse } from '../platform/clickhouse/client.ts';
import { migrateClickHouse } from '../platform/clickhouse/schema/migrate-clickhouse.ts';
import { createDatabase } from '../platform/postgres/database.ts';
import { migratePostgres } from '../platform/postgres/migrate.ts';
import { benchEvents } from './support/bench-events.ts';
import { lightPoster } from './support/light-post.ts';
import { peakRssMb, percentile, progress, startBenchStack } from './support/bench-stack.ts';

const total = Number(process.env.BENCH_EVENTS ?? 200_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** BENCH_CPU_PROF=<dir>: write a CPU profile of the ingest process there (open it in Chrome DevTools). */
const cpuProfileDir = process.env.BENCH_CPU_PROF;
/** BENCH_INGEST_NODE_ARGS: more Node options for the ingest process, space-separated (e.g. --max-semi-space-size=8). */
const ingestNodeArgs = [...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []), ...(process.env.BENCH_INGEST_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];

const stack = await startBenchStack();
try {
  const db = createDatabase({ url: stack.databaseUrl, embedded: stack.embeddedPostgres });
  await migratePostgres(db);
  const { key } = await createApiKey(db, 'bench', ['*']);
  await db.destroy();

  const ingest = await stack.startIngest({}, ingestNodeArgs);
  const productConn = { ...stack.clickhouse, database: 'closewatch' };
  const ch = createClickHouse(productConn);
  // node:http with keep-alive: the load generator shares the cores with what it measures, and
  // fetch costs it several times more CPU per request.
  const post = lightPoster(ingest.url, { authorization: `Bearer ${key}`, 'content-type': 'application/cloudevents-batch+json' });

  // The throughput phase's 200k events live only inside this call, so the latency phase's
  // client is a small heap whose collections do not stall it (they would count as latency).
  const { eventsPerS, baselinePerS } = await measureThroughput(stack, ch, post);

  // Latency is a steady-state figure: the burst above leaves ClickHouse merging its parts for a
  // while, so wait (up to 60 s) for those merges to finish before pacing the small batches.
  const settleStart = performance.now();
  await settleMerges(ch, 60_000);
  const settleSeconds = (performance.now() - settleStart) / 1000;
  progress(`merges settled after ${settleSeconds.toFixed(1)} s`);

  // Latency: small batches paced at half the measured maximum rate.
  const latencyBatch = 100;
  const targetRate = eventsPerS / 2;
  const latencyEvents = benchEvents(Math.min(Math.round(targetRate * 10), 100_000), 'lat');
  const latencyBodies = chunk(latencyEvents, latencyBatch).map((b) => JSON.stringify(b));
  const interval = (latencyBatch / targetRate) * 1000;
  progress(`latency: ${latencyBodies.length} batches of ${latencyBatch}, one every ${interval.toFixed(1)} ms (${Math.round(targetRate)} events/s)`);
  // The first second opens the client's connections and warms the server's code paths at
  // this rate; it is paced like the rest but not counted.
  const warmupBatches = Math.ceil(1000 / interval);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    latencyBodies.map(async (body, i) => {
      const due = started + i * interval;
      await sleep(Math.max(0, due - performance.now()));
      const s = performance.now();
      const res = await post('/v1/events', body);
      if (res.status !== 200) throw new Error(`latency batch answered ${res.status}: ${res.body.slice(0, 300)}`);
      if (i >= warmupBatches) latencies.push(performance.now() - s);
    }),
  );
  latencies.sort((a, b) => a - b);
  const rss = await peakRssMb(ingest.pid);
  await ch.close();

  const result = {
    bench: 'ingest',
    events: total,
    batch_size: batchSize,
    concurrency,
    events_per_s: Math.round(eventsPerS),
    direct_insert_rows_per_s: Math.round(baselinePerS),
    ratio: Number((eventsPerS / baselinePerS).toFixed(3)),
    ack_p50_ms_at_half_rate: Number(percentile(latencies, 0.5).toFixed(1)),
    ack_p95_ms_at_half_rate: Number(percentile(latencies, 0.95).toFixed(1)),
    ack_p99_ms_at_half_rate: Number(percentile(latencies, 0.99).toFixed(1)),
    ack_max_ms_at_half_rate: Number(latencies.at(-1)!.toFixed(1)),
    latency_batches: latencies.length,
    latency_warmup_batches: warmupBatches,
    merges_settle_s: Number(settleSeconds.toFixed(1)),
    half_rate_events_per_s: Math.round(targetRate),
    ingest_peak_rss_mb: rss,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await stack.stop();
}

/** Posts `total` events in batches with `concurrency` in flight, and the same rows straight into ClickHouse. */
async function measureThroughput(
  stack: Awaited<ReturnType<typeof startBenchStack>>,
  ch: ReturnType<typeof createClickHouse>,
  post: ReturnType<typeof lightPoster>,
): Promise<{ eventsPerS: number; baselinePerS: number }> {
  progress(`generating ${total} events`);
  const events = benchEvents(total, 'thr');
  const bodies = chunk(events, batchSize).map((batch) => JSON.stringify(batch));

  // Baseline: the same rows, validated and shaped outside the clock, straight into ClickHouse.
  const baselineConn = { ...stack.clickhouse, database: 'bench_baseline' };
  await migrateClickHouse(baselineConn, {});
  const baselineRows = events.map((e) => {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(`bench event invalid: ${JSON.stringify(v.errors)}`);
    return financeEventRow(v.event, Date.now());
  });
  const baselineClient = createClickHouse(baselineConn);
  progress('baseline: inserting straight into ClickHouse');
  const b0 = performance.now();
  await runPool(chunk(baselineRows, batchSize), concurrency, (rows) => baselineClient.insert({ table: 'finance_events', values: rows, format: 'JSONEachRow' }).then(() => undefined));
  const baselineSeconds = (performance.now() - b0) / 1000;
  await baselineClient.close();

  progress(`ingest: posting ${bodies.length} batches of ${batchSize} with ${concurrency} in flight`);
  const t0 = performance.now();
  await runPool(bodies, concurrency, async (body) => {
    const res = await post('/v1/events', body);
    const answer = JSON.parse(res.body) as { accepted: number };
    if (res.status !== 200 || answer.accepted !== batchSize) throw new Error(`ingest answered ${res.status} ${res.body.slice(0, 300)}`);
  });
  const ackSeconds = (performance.now() - t0) / 1000;
  await waitForCount(ch, total);
  const endToEndSeconds = (performance.now() - t0) / 1000;
  const eventsPerS = total / endToEndSeconds;
  const baselinePerS = total / baselineSeconds;
  progress(`ingest ${Math.round(eventsPerS)}/s end to end (acks done after ${ackSeconds.toFixed(2)} s), baseline ${Math.round(baselinePerS)}/s`);
  return { eventsPerS, baselinePerS };
}

async function waitForCount(ch: ReturnType<typeof createClickHouse>, expected: number): Promise<void> {
  for (;;) {
    const rs = await ch.query({ query: "SELECT count() AS n FROM finance_events WHERE id LIKE 'thr-%'", format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: string }>();
    if (Number(row!.n) >= expected) return;
    await sleep(20);
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function runPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until ClickHouse has no merge running (polling system.merges), or until the limit. */
async function settleMerges(ch: ReturnType<typeof createClickHouse>, limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) {
    const rs = await ch.query({ query: 'SELECT count() AS merges FROM system.merges', format: 'JSONEachRow' });
    const [row] = await rs.json<{ merges: string }>();
    if (Number(row?.merges ?? 0) === 0) return;
    await sleep(250);
  }
}
