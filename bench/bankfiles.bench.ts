// `npm run bench:bankfiles`: a generated 50,000-entry camt.053 taken end to end (stream
// parse → validated finance events and detail rows → one durable spool commit → ClickHouse),
// against the same rows inserted straight into ClickHouse with @clickhouse/client, in the same
// run on the same embedded engine. Progress goes to stderr; stdout gets one JSON line.
//   entries_per_s      statement entries per second, file on disk → rows in ClickHouse
//   direct_rows_per_s  statement entries per second when their rows (finance event + detail
//                      row) are inserted directly — the same unit, so ratio compares like work
//   peak_heap_mb       peak V8 heap used during the end-to-end run (garbage included)
import { join } from 'node:path';
import { BankFileOutput } from '../ingest/bank-files/bank-file-output.ts';
import { BankFileRegistry } from '../ingest/bank-files/bank-file-registry.ts';
import { parseBankFile } from '../ingest/bank-files/parse-bank-file.ts';
import { takeBankFile } from '../ingest/bank-files/take-bank-file.ts';
import { Spool } from '../ingest/spool/spool.ts';
import { createClickHouse } from '../platform/clickhouse/client.ts';
import { migrateClickHouse } from '../platform/clickhouse/schema/migrate-clickhouse.ts';
import { drainSpool, flusherKnowsBankTables } from '../test/bank-files/support/bank-spool-drain.ts';
import { progress, startBenchStack } from './support/bench-stack.ts';
import { writeLargeCamt053 } from './support/camt053-generator.ts';

const entries = Number(process.env.BENCH_BANK_ENTRIES ?? 50_000);
const insertBatch = 10_000;

const stack = await startBenchStack();
try {
  const file = await writeLargeCamt053(join(stack.dataDir, `camt053-${entries}.xml`), entries);
  progress(`generated a camt.053 of ${entries} entries (${(file.bytes / 1024 ** 2).toFixed(1)} MB)`);
  const productConn = { ...stack.clickhouse, database: 'bench_bank' };
  const directConn = { ...stack.clickhouse, database: 'bench_bank_direct' };
  await migrateClickHouse(productConn, {});
  await migrateClickHouse(directConn, {});

  // End to end.
  const ch = createClickHouse(productConn);
  const spool = await Spool.open({ dir: join(stack.dataDir, 'bank-spool'), maxBytes: 4 * 1024 ** 3 });
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakHeap = baselineHeap;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  progress(`end to end: parse → events → spool → ClickHouse (${flusherKnowsBankTables() ? 'product flusher' : 'stand-in flusher: bank tables not yet in the allowlist'})`);
  const t0 = performance.now();
  const taken = await takeBankFile(
    { spool, registry: new BankFileRegistry(ch), workDir: join(stack.dataDir, 'bank-work') },
    { path: file.path, fileId: 'be'.repeat(32), bytes: file.bytes, fileName: 'bench.xml', channel: 'inbox', entity: 'BENCH' },
  );
  if (taken.outcome !== 'accepted') throw new Error(`bench file refused: ${JSON.stringify(taken.refusal)}`);
  const spooledAt = performance.now();
  progress(`spooled ${(spool.unflushedBytes / 1024 ** 2).toFixed(1)} MB after ${((spooledAt - t0) / 1000).toFixed(2)} s; flushing to ClickHouse`);
  await drainSpool(spool, ch);
  await expectRows(ch, entries);
  const endToEndSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  await spool.close();
  await ch.close();
  const entriesPerS = entries / endToEndSeconds;
  progress(`end to end ${endToEndSeconds.toFixed(2)} s → ${Math.round(entriesPerS)} entries/s, peak heap ${(peakHeap / 1024 ** 2).toFixed(0)} MB (${(baselineHeap / 1024 ** 2).toFixed(0)} MB before)`);

  // The same rows, shaped outside the clock, straight into ClickHouse.
  const rows = await rowsOf(file.path);
  const direct = createClickHouse(directConn);
  const total = [...rows.values()].reduce((n, r) => n + r.length, 0);
  progress(`direct: inserting ${total} rows (${[...rows.keys()].join(', ')}) in batches of ${insertBatch}`);
  const d0 = performance.now();
  for (const [table, list] of rows) {
    for (let i = 0; i < list.length; i += insertBatch) {
      await direct.insert({ table, values: list.slice(i, i + insertBatch), format: 'JSONEachRow' });
    }
  }
  const directSeconds = (performance.now() - d0) / 1000;
  await expectRows(direct, entries);
  await direct.close();
  const directPerS = entries / directSeconds;
  progress(`direct ${directSeconds.toFixed(2)} s → ${Math.round(total / directSeconds)} rows/s, ${Math.round(directPerS)} entries/s`);

  const result = {
    bench: 'bankfiles',
    entries,
    entries_per_s: Math.round(entriesPerS),
    direct_rows_per_s: Math.round(directPerS),
    ratio: Number((entriesPerS / directPerS).toFixed(3)),
    peak_heap_mb: Math.round(peakHeap / 1024 ** 2),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await stack.stop();
}

/** The rows the file makes, by table, as intake would spool them. */
async function rowsOf(path: string): Promise<Map<string, Record<string, unknown>[]>> {
  const rows = new Map<string, Record<string, unknown>[]>();
  const output = new BankFileOutput({
    ctx: { fileId: 'be'.repeat(32), fileKey: 'be'.repeat(10), entity: 'BENCH' },
    receivedAtMs: Date.now(),
    sourceAllowed: () => true,
    lines: {
      add(line) {
        const tab = line.indexOf('\t');
        const table = line.slice(0, tab);
        if (!rows.has(table)) rows.set(table, []);
        rows.get(table)!.push(JSON.parse(line.slice(tab + 1)));
      },
    },
  });
  await parseBankFile(path, output, async () => undefined);
  return rows;
}

async function expectRows(client: ReturnType<typeof createClickHouse>, expected: number): Promise<void> {
  const rs = await client.query({ query: 'SELECT (SELECT count() FROM bank_statement_entries) AS entries, (SELECT count() FROM finance_events) AS events', format: 'JSONEachRow' });
  const [row] = await rs.json<{ entries: string; events: string }>();
  if (Number(row!.entries) !== expected || Number(row!.events) < expected) throw new Error(`ClickHouse holds ${JSON.stringify(row)}, expected ${expected} entries`);
}
