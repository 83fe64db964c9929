// A restarted flusher picks up where the checkpoint says: what was acknowledged but never
// inserted is inserted, and a batch that was being inserted when the process died is redone
// with the same token, so ClickHouse keeps one copy of each row.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClickHouse } from '../../../platform/clickhouse/client.ts';
import { readCheckpoint } from '../../../ingest/spool/checkpoint.ts';
import { Flusher } from '../../../ingest/spool/flusher.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { freshClickHouse, type FreshClickHouse } from '../../support/clickhouse.ts';
import { financeSpoolLines } from '../../support/finance-spool-lines.ts';
import { tempSpoolDir } from '../../support/spool-dir.ts';
import { storedEvents } from '../../support/stored-events.ts';
import { quietClickHouseClientLogs } from '../../support/quiet-clickhouse-client.ts';

quietClickHouseClientLogs();

let clickhouse: FreshClickHouse;
beforeAll(async () => {
  clickhouse = await freshClickHouse();
});
afterAll(() => clickhouse?.close());

const openSpool = (dir: string) => Spool.open({ dir, maxBytes: 64 << 20 });

async function flushAll(dir: string): Promise<void> {
  const spool = await openSpool(dir);
  const flusher = new Flusher(spool, clickhouse.ch, { lingerMs: 5 });
  await flusher.start();
  await flusher.drained(20_000);
  await flusher.stop();
  await spool.close();
}

it('inserts, after a restart, what was spooled but never flushed', async () => {
  const dir = await tempSpoolDir();
  const first = financeSpoolLines('replay-a-', 30);
  const second = financeSpoolLines('replay-a-', 40, 30);
  const spool = await openSpool(dir);
  await spool.append(first.data);
  await spool.close();
  await flushAll(dir);
  const crashed = await openSpool(dir); // acknowledged while no flusher ran, then the process died
  await crashed.append(second.data);
  await crashed.close();

  await flushAll(dir);
  const stored = await storedEvents(clickhouse.ch, 'replay-a-', [...first.ids, ...second.ids]);
  expect(stored).toEqual({ identities: 70, finalRows: 70, rawRows: 70, missing: [] });
});

it('redoes a pending batch with its token, so the rows are not doubled', async () => {
  const dir = await tempSpoolDir();
  const batch = financeSpoolLines('replay-b-', 50);
  const spool = await openSpool(dir);
  await spool.append(batch.data);
  // A flusher that cannot reach ClickHouse leaves its batch pending in the checkpoint.
  const unreachable = createClickHouse({ url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'default' });
  const blocked = new Flusher(spool, unreachable, { lingerMs: 5 });
  await blocked.start();
  await expect.poll(async () => (await readCheckpoint(dir))?.pending ?? null).not.toBeNull();
  await blocked.stop();
  await spool.close();
  await copyFile(join(dir, 'checkpoint.json'), join(dir, 'pending.json'));

  await flushAll(dir); // inserts the pending batch and commits it
  await copyFile(join(dir, 'pending.json'), join(dir, 'checkpoint.json')); // as if it died before the commit
  await flushAll(dir); // redoes it

  expect(await readCheckpoint(dir)).toMatchObject({ committed: { segment: 1, offset: batch.data.length }, pending: null });
  expect(await storedEvents(clickhouse.ch, 'replay-b-', batch.ids)).toEqual({ identities: 50, finalRows: 50, rawRows: 50, missing: [] });
});
