// A spool whose checkpoint is lost while older segments were already deleted still flushes
// everything on disk, starting from the oldest segment.
import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Flusher } from '../../../ingest/spool/flusher.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { freshClickHouse, type FreshClickHouse } from '../../support/clickhouse.ts';
import { invoiceEvent } from '../../support/finance-events.ts';
import { validateEvent } from '../../../ingest/events/validate-event.ts';
import { financeEventLine } from '../../../ingest/events/event-row.ts';

let store: FreshClickHouse;
let dir: string;
beforeAll(async () => {
  store = await freshClickHouse();
  dir = await mkdtemp(join(tmpdir(), 'cw-lost-checkpoint-'));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const line = (id: string) => {
  const v = validateEvent(invoiceEvent({ id }));
  if (!v.ok) throw new Error('invalid fixture');
  return Buffer.from(financeEventLine(v.event, Date.now()));
};

it('flushes from the oldest remaining segment when checkpoint.json is gone', async () => {
  let spool = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 200 });
  let flusher = new Flusher(spool, store.ch, { lingerMs: 5 });
  await flusher.start();
  for (let i = 0; i < 3; i++) await spool.append(line(`lost-a${i}`));
  await flusher.drained();
  await flusher.stop();
  await spool.close();
  // Segment 1 is gone (flushed and deleted); new data waits in later segments.
  spool = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 200 });
  for (let i = 0; i < 3; i++) await spool.append(line(`lost-b${i}`));
  await spool.close();
  await unlink(join(dir, 'checkpoint.json'));
  expect((await readdir(dir)).filter((f) => f.startsWith('segment-')).sort()[0]).not.toBe('segment-0000000001.log');

  spool = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 200 });
  flusher = new Flusher(spool, store.ch, { lingerMs: 5 });
  await flusher.start();
  await flusher.drained(10_000);
  await flusher.stop();
  await spool.close();
  const rs = await store.ch.query({ query: "SELECT uniqExact(source, id) AS n FROM finance_events WHERE id LIKE 'lost-%'", format: 'JSONEachRow' });
  expect(await rs.json()).toEqual([{ n: '6' }]);
});
