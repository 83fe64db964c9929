// Warehouse insert benchmark: the same 1M finance events (10 columns, ~180 bytes each as JSON)
// inserted (a) through @clickhouse/client into the embedded ClickHouse endpoint, running in
// this process, and (b) straight into chDB in-process with pre-built JSONEachRow Buffers, each
// into an identical table on its own data path. Progress goes to stderr; the last line on
// stdout is one JSON summary. Each path runs BENCH_ROUNDS times (default 2), alternating, and
// the best run counts, which damps noise from other work on the machine. One process binds one
// engine data path at a time, so the two paths take turns. Run with `npm run bench:warehouse`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { drainPending, Session } from 'chdb';
import { startEmbeddedClickHouse } from '../platform/clickhouse/embedded/start.ts';

const ROWS = 1_000_000;
const BATCH_ROWS = 10_000; // rows per pre-built buffer handed to the client stream
const SLICE_BYTES = 16 << 20; // in-process slices, same size the endpoint cuts its body into
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

// Short finance column names (ccy = currency, cpty = counterparty) keep rows near 180 bytes.
const createTable = `CREATE TABLE IF NOT EXISTS finance_events (
  id String, entity LowCardinality(String), acct String, ccy LowCardinality(String),
  amount Decimal(18, 2), ts DateTime64(3), type LowCardinality(String),
  cpty String, ref String, status LowCardinality(String)
) ENGINE = MergeTree ORDER BY (entity, ts)`;

const eventTypes = ['issued', 'paid', 'matched', 'refund'];
const currencies = ['USD', 'EUR', 'GBP', 'CHF'];
const statuses = ['posted', 'pending', 'failed'];

function eventRow(i: number): Record<string, string> {
  const cents = (i * 7919) % 10_000_000;
  const ms = 1_704_067_200_000 + i * 2_531;
  return {
    id: `e${i.toString(36).padStart(8, '0')}`,
    entity: `ent_${i % 12}`,
    acct: `A${(i * 31) % 5000}`,
    ccy: currencies[i % currencies.length]!,
    amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    ts: new Date(ms).toISOString().replace('T', ' ').slice(0, 23),
    type: eventTypes[i % eventTypes.length]!,
    cpty: `cp_${(i * 13) % 997}`,
    ref: `INV-${i % 250_000}`,
    status: statuses[i % statuses.length]!,
  };
}

function buildBatches(): Buffer[] {
  const batches: Buffer[] = [];
  for (let start = 0; start < ROWS; start += BATCH_ROWS) {
    let text = '';
    for (let i = start; i < Math.min(ROWS, start + BATCH_ROWS); i++) text += `${JSON.stringify(eventRow(i))}\n`;
    batches.push(Buffer.from(text));
  }
  return batches;
}

/** Regroups the batches into ~SLICE_BYTES buffers cut at row boundaries (batches end with a newline). */
function toSlices(batches: Buffer[]): Buffer[] {
  const slices: Buffer[] = [];
  let group: Buffer[] = [];
  let size = 0;
  for (const batch of batches) {
    if (size + batch.length > SLICE_BYTES && group.length > 0) {
      slices.push(Buffer.concat(group));
      group = [];
      size = 0;
    }
    group.push(batch);
    size += batch.length;
  }
  if (group.length > 0) slices.push(Buffer.concat(group));
  return slices;
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const mb = (bytes: number) => Math.round(bytes / (1 << 20));
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Run {
  rowsPerS: number;
  peakRssMb: number;
}

/** Times `run` (which must insert ROWS rows) while sampling this process's RSS. */
async function measure(label: string, run: () => Promise<void>): Promise<Run> {
  peakRss = 0;
  const sampler = setInterval(sampleRss, 25);
  const started = performance.now();
  try {
    await run();
  } finally {
    clearInterval(sampler);
    sampleRss();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${seconds.toFixed(2)} s, ${Math.round(ROWS / seconds)} rows/s, peak RSS ${mb(peakRss)} MB`);
  return { rowsPerS: ROWS / seconds, peakRssMb: mb(peakRss) };
}

/** (a) Through @clickhouse/client into the embedded endpoint, which runs in this process. */
async function throughEndpoint(batches: Buffer[], dataDir: string, withObjects: boolean): Promise<{ prebuilt: Run; objects?: Run }> {
  const ch = await startEmbeddedClickHouse({ dataDir, port: 0 });
  const client = createClient({
    url: ch.url,
    username: ch.username,
    password: ch.password,
    request_timeout: 600_000,
    log: { level: ClickHouseLogLevel.ERROR },
  });
  try {
    await client.command({ query: createTable });
    await client.command({ query: 'TRUNCATE TABLE finance_events' });
    // The same bytes as the in-process run, streamed as one request body.
    const prebuilt = await measure('endpoint, pre-built JSONEachRow body', async () => {
      const result = await client.exec({ query: 'INSERT INTO finance_events FORMAT JSONEachRow', values: Readable.from(batches) });
      result.stream.resume();
      await new Promise((resolve) => result.stream.on('end', resolve));
    });
    await expectCount(client);
    if (!withObjects) return { prebuilt };
    // What product code does: row objects in an object-mode stream, JSON-encoded by the client.
    await client.command({ query: 'TRUNCATE TABLE finance_events' });
    const objects = await measure('endpoint, client.insert() of row objects', async () => {
      const rows = Readable.from((function* () { for (let i = 0; i < ROWS; i++) yield eventRow(i); })());
      await client.insert({ table: 'finance_events', values: rows, format: 'JSONEachRow' });
    });
    await expectCount(client);
    return { prebuilt, objects };
  } finally {
    await client.close();
    await ch.close();
  }
}

async function expectCount(client: ClickHouseClient): Promise<void> {
  const [row] = await (await client.query({ query: 'SELECT count() AS n FROM finance_events', format: 'JSONEachRow' })).json<{ n: string }>();
  if (Number(row?.n) !== ROWS) throw new Error(`expected ${ROWS} rows, found ${row?.n}`);
}

/** (b) Straight into chDB in this process, pre-built Buffers in endpoint-sized slices. */
async function inProcess(slices: Buffer[], dataPath: string): Promise<Run> {
  await drainPending(); // the endpoint's connections must be gone before another data path opens
  const session = new Session(dataPath, { connectionArgs: ['--async_insert=0'] });
  try {
    await session.queryAsync(createTable);
    await session.queryAsync('TRUNCATE TABLE finance_events');
    const run = await measure('in-process session.insert()', async () => {
      for (const values of slices) await session.insert({ table: 'finance_events', values, format: 'JSONEachRow' });
    });
    const count = (await session.queryAsync('SELECT count() FROM finance_events', { format: 'TSV' })).text().trim();
    if (Number(count) !== ROWS) throw new Error(`expected ${ROWS} rows in-process, found ${count}`);
    return run;
  } finally {
    session.close();
    await drainPending();
  }
}

const best = (runs: Run[]): Run => runs.reduce((a, b) => (b.rowsPerS > a.rowsPerS ? b : a));

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'closewatch-bench-'));
  try {
    log(`building ${ROWS} rows…`);
    const batches = buildBatches();
    const bytes = batches.reduce((sum, b) => sum + b.length, 0);
    log(`${mb(bytes)} MB of JSONEachRow, ${(bytes / ROWS).toFixed(0)} bytes per row`);
    const slices = toSlices(batches);
    const endpointRuns: Run[] = [];
    const localRuns: Run[] = [];
    let objects: Run | undefined;
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round} of ${ROUNDS}`);
      const endpoint = await throughEndpoint(batches, join(work, 'endpoint'), round === 1);
      endpointRuns.push(endpoint.prebuilt);
      objects ??= endpoint.objects;
      localRuns.push(await inProcess(slices, join(work, 'in-process', 'clickhouse')));
    }
    const endpoint = best(endpointRuns);
    const local = best(localRuns);
    if (objects) log(`endpoint with client-side JSON encoding (client.insert of objects): ${Math.round(objects.rowsPerS)} rows/s`);
    const peakRssMb = Math.max(...[...endpointRuns, ...localRuns, ...(objects ? [objects] : [])].map((r) => r.peakRssMb));
    log(`peak RSS ${peakRssMb} MB, sampled in this one process, which runs the client, the HTTP endpoint and the engine`);
    const summary = {
      bench: 'warehouse',
      rows: ROWS,
      endpoint_rows_per_s: Math.round(endpoint.rowsPerS),
      in_process_rows_per_s: Math.round(local.rowsPerS),
      ratio: Number((endpoint.rowsPerS / local.rowsPerS).toFixed(2)),
      peak_rss_mb: peakRssMb,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
