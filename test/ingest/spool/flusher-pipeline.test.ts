// Several batches in flight at once: later batches may finish first, but the checkpoint only
// commits the contiguous prefix of finished ones and keeps every unfinished range (with its
// token) as pending, so a crash redoes exactly those and ClickHouse keeps one copy of each row.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pendingRanges, readCheckpoint } from '../../../ingest/spool/checkpoint.ts';
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

type ExecParams = Parameters<ClickHouseClient['exec']>[0];

/** The real client, except that inserts whose token matches `hold` wait until released. */
function gatedClient(hold: (token: string) => boolean) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const stats = { inFlight: 0, maxInFlight: 0, finished: 0 };
  const client = {
    async exec(params: ExecParams) {
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        if (hold(String(params.clickhouse_settings?.insert_deduplication_token ?? ''))) await gate;
        return await clickhouse.ch.exec(params);
      } finally {
        stats.inFlight--;
        stats.finished++;
      }
    },
  } as unknown as ClickHouseClient;
  return { client, stats, release };
}

async function inFlightRanges(dir: string): Promise<number> {
  const checkpoint = await readCheckpoint(dir);
  return checkpoint ? pendingRanges(checkpoint).length : 0;
}

/** 40 events, and a batch size that cuts them into four batches of ten. */
function fourBatches(prefix: string) {
  const events = financeSpoolLines(prefix, 40);
  return { ...events, maxBatchBytes: Math.ceil((events.data.length / 40) * 10.5) };
}

it('inserts several batches at once but commits only up to the oldest unfinished one', async () => {
  const dir = await tempSpoolDir();
  const { data, ids, maxBatchBytes } = fourBatches('pipeline-a-');
  const spool = await Spool.open({ dir, maxBytes: 64 << 20 });
  await spool.append(data);
  const { client, stats, release } = gatedClient((token) => token.includes('-1.0-')); // the first batch
  const flusher = new Flusher(spool, client, { lingerMs: 0, maxBatchBytes, concurrentInserts: 3 });
  await flusher.start();

  await expect.poll(() => stats.finished, { timeout: 10_000 }).toBe(3); // batches 2–4 are in
  const held = await readCheckpoint(dir);
  expect(held?.committed).toEqual({ segment: 1, offset: 0 });
  expect(pendingRanges(held!)).toHaveLength(4);
  expect(stats.maxInFlight).toBeGreaterThanOrEqual(2);
  expect((await storedEvents(clickhouse.ch, 'pipeline-a-')).identities).toBe(30);

  release();
  await flusher.drained(10_000);
  await flusher.stop();
  await spool.close();
  expect(await readCheckpoint(dir)).toEqual({ committed: { segment: 1, offset: data.length }, pending: null, following: [] });
  expect(await storedEvents(clickhouse.ch, 'pipeline-a-', ids)).toEqual({ identities: 40, finalRows: 40, rawRows: 40, missing: [] });
});

it('redoes every range that was in flight at a crash with its token, doubling no row', async () => {
  const dir = await tempSpoolDir();
  const { data, ids, maxBatchBytes } = fourBatches('pipeline-b-');
  const spool = await Spool.open({ dir, maxBytes: 64 << 20 });
  await spool.append(data);
  const { client, release } = gatedClient(() => true);
  const flusher = new Flusher(spool, client, { lingerMs: 0, maxBatchBytes, concurrentInserts: 3 });
  await flusher.start();
  await expect.poll(async () => inFlightRanges(dir), { timeout: 10_000 }).toBe(3);
  await copyFile(join(dir, 'checkpoint.json'), join(dir, 'in-flight.json'));
  release();
  await flusher.drained(10_000); // all four batches inserted and committed
  await flusher.stop();
  await spool.close();
  await copyFile(join(dir, 'in-flight.json'), join(dir, 'checkpoint.json')); // as if it died with three in flight

  const reopened = await Spool.open({ dir, maxBytes: 64 << 20 });
  const redo = new Flusher(reopened, clickhouse.ch, { lingerMs: 0, maxBatchBytes, concurrentInserts: 3 });
  await redo.start();
  await redo.drained(10_000);
  await redo.stop();
  await reopened.close();
  expect(await readCheckpoint(dir)).toMatchObject({ committed: { segment: 1, offset: data.length }, pending: null });
  expect(await storedEvents(clickhouse.ch, 'pipeline-b-', ids)).toEqual({ identities: 40, finalRows: 40, rawRows: 40, missing: [] });
});
