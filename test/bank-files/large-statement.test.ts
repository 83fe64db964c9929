// A 50,000-entry camt.053 (~33 MB, ~120 MB of spool lines) is read with bounded memory:
// the parser keeps one entry at a time and the lines spill to disk before one commit.
// Live heap is sampled after forced garbage collections, so garbage does not count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeLargeCamt053, type GeneratedStatement } from '../../bench/support/camt053-generator.ts';
import { BankFileRegistry } from '../../ingest/bank-files/bank-file-registry.ts';
import { takeBankFile } from '../../ingest/bank-files/take-bank-file.ts';
import { Spool } from '../../ingest/spool/spool.ts';

const entries = 50_000;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
let dir: string;
let statement: GeneratedStatement;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-large-camt-'));
  statement = await writeLargeCamt053(join(dir, 'large.xml'), entries);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

it('processes 50,000 entries with heap growth well below the size of what it produces', async () => {
  const spool = await Spool.open({ dir: join(dir, 'spool'), maxBytes: 4 * 1024 ** 3 });
  const baseline = liveHeap();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, liveHeap())), 500);
  try {
    const result = await takeBankFile(
      { spool, registry: new BankFileRegistry(), workDir: join(dir, 'work') },
      { path: statement.path, fileId: 'b'.repeat(64), bytes: statement.bytes, fileName: 'large.xml', channel: 'inbox', entity: 'DE01' },
    );
    expect(result.outcome).toBe('accepted');
    if (result.outcome !== 'accepted') return;
    expect(result.answer.counts).toMatchObject({ statements: 1, entries, balances: 2, events: entries + 2 });
    expect(result.answer.checks).toEqual([expect.objectContaining({ check: 'balance', outcome: 'passed', expected: statement.closing })]);
    const spooled = spool.unflushedBytes;
    const growthMb = (peak - baseline) / 1024 ** 2;
    process.stderr.write(`[large camt.053] file ${(statement.bytes / 1024 ** 2).toFixed(1)} MB, spooled ${(spooled / 1024 ** 2).toFixed(1)} MB, peak live heap growth ${growthMb.toFixed(1)} MB\n`);
    // Holding the spool lines (or a DOM of the file) would keep more than 100 MB alive.
    expect(spooled).toBeGreaterThan(100 * 1024 ** 2);
    expect(growthMb).toBeLessThan(40);
  } finally {
    clearInterval(sampler);
    await spool.close();
  }
}, 180_000);
