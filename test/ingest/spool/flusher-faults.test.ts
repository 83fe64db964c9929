// The flusher under local faults: a checkpoint that cannot be written is retried (not a dead
// loop or a crashed process), stop() does not wait out a long backoff, and drained() knows an
// empty segment left by a crash right after a rollover holds nothing to flush.
import { mkdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClickHouse } from '../../../platform/clickhouse/client.ts';
import { writeCheckpoint } from '../../../ingest/spool/checkpoint.ts';
import { Flusher } from '../../../ingest/spool/flusher.ts';
import { segmentName } from '../../../ingest/spool/spool-position.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { freshClickHouse, type FreshClickHouse } from '../../support/clickhouse.ts';
import { financeSpoolLines } from '../../support/finance-spool-lines.ts';
import { spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';
import { storedEvents } from '../../support/stored-events.ts';
import { quietClickHouseClientLogs } from '../../support/quiet-clickhouse-client.ts';

quietClickHouseClientLogs();

let clickhouse: FreshClickHouse;
beforeAll(async () => {
  clickhouse = await freshClickHouse();
});
afterAll(() => clickhouse?.close());

const unreachable = () => createClickHouse({ url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'default' });

it('retries when the checkpoint cannot be written, then flushes', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 64 << 20 });
  const errors: string[] = [];
  const flusher = new Flusher(spool, clickhouse.ch, { lingerMs: 5, onError: (e) => errors.push(e.message) });
  await flusher.start();
  await mkdir(join(dir, 'checkpoint.json.tmp')); // opening the temp file now fails (EISDIR)
  const batch = financeSpoolLines('ckpt-fault-', 5);
  await spool.append(batch.data);
  await expect.poll(() => errors.length).toBeGreaterThan(0);
  expect(flusher.lastError?.message).toMatch(/EISDIR/);
  await rmdir(join(dir, 'checkpoint.json.tmp'));
  await flusher.drained(15_000);
  await flusher.stop();
  await spool.close();
  expect((await storedEvents(clickhouse.ch, 'ckpt-fault-', batch.ids)).missing).toEqual([]);
});

it('stops promptly while backing off from an unreachable ClickHouse', async () => {
  const spool = await Spool.open({ dir: await tempSpoolDir(), maxBytes: 64 << 20 });
  let attempts = 0;
  const flusher = new Flusher(spool, unreachable(), { lingerMs: 5, onError: (_e, attempt) => (attempts = attempt) });
  await flusher.start();
  await spool.append(Buffer.from(spoolLine(1)));
  await expect.poll(() => attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(4); // next backoff ≥ 0.8 s
  const started = Date.now();
  await flusher.stop();
  expect(Date.now() - started).toBeLessThan(500);
  await spool.close();
});

it('is drained when only an empty segment follows the committed position', async () => {
  const dir = await tempSpoolDir();
  await writeFile(join(dir, segmentName(1)), spoolLine(1));
  await writeFile(join(dir, segmentName(2)), ''); // rolled over, then died before the first write
  await writeCheckpoint(dir, { committed: { segment: 1, offset: spoolLine(1).length }, pending: null });
  const spool = await Spool.open({ dir, maxBytes: 64 << 20 });
  const flusher = new Flusher(spool, unreachable());
  await flusher.start();
  await expect(flusher.drained(1_000)).resolves.toBeUndefined();
  await flusher.stop();
  await spool.close();
});
