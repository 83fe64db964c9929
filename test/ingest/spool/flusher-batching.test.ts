// A steady trickle of small appends is gathered into few inserts (each insert is a part in
// ClickHouse, so one insert per request would flood it with parts): a batch waits lingerMs
// for company unless it is already full.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Flusher } from '../../../ingest/spool/flusher.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { freshClickHouse, type FreshClickHouse } from '../../support/clickhouse.ts';
import { financeSpoolLines } from '../../support/finance-spool-lines.ts';
import { tempSpoolDir } from '../../support/spool-dir.ts';
import { storedEvents } from '../../support/stored-events.ts';

let clickhouse: FreshClickHouse;
beforeAll(async () => {
  clickhouse = await freshClickHouse();
});
afterAll(() => clickhouse?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('gathers appends that arrive within the linger time into one insert', async () => {
  const spool = await Spool.open({ dir: await tempSpoolDir(), maxBytes: 64 << 20 });
  const inserts: number[] = [];
  const flusher = new Flusher(spool, clickhouse.ch, { lingerMs: 400, onFlush: ({ rows }) => inserts.push(rows) });
  await flusher.start();
  for (let n = 0; n < 10; n++) {
    await spool.append(financeSpoolLines('linger-', 1, n).data);
    await sleep(20);
  }
  await flusher.drained(10_000);
  await flusher.stop();
  await spool.close();
  expect(inserts.reduce((a, b) => a + b, 0)).toBe(10);
  expect(inserts.length).toBeLessThanOrEqual(2);
  expect((await storedEvents(clickhouse.ch, 'linger-')).identities).toBe(10);
});

it('inserts a full batch at once instead of lingering', async () => {
  const spool = await Spool.open({ dir: await tempSpoolDir(), maxBytes: 64 << 20 });
  const inserts: number[] = [];
  const flusher = new Flusher(spool, clickhouse.ch, { lingerMs: 60_000, maxBatchBytes: 4096, onFlush: ({ bytes }) => inserts.push(bytes) });
  await flusher.start();
  await sleep(50); // the flusher is now idle, waiting for data
  await spool.append(financeSpoolLines('full-batch-', 20).data); // several batches' worth
  await expect.poll(() => inserts.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
  expect(inserts[0]).toBeGreaterThan(4096 / 2);
  expect(inserts[0]).toBeLessThanOrEqual(4096);
  await flusher.stop();
  await spool.close();
});
