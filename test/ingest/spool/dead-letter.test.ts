// A batch ClickHouse refuses for its content is moved to the dead-letter folder with the
// reason after repeated refusals; later batches still reach ClickHouse.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { financeEventLine } from '../../../ingest/events/event-row.ts';
import { validateEvent } from '../../../ingest/events/validate-event.ts';
import { Flusher } from '../../../ingest/spool/flusher.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { freshClickHouse, type FreshClickHouse } from '../../support/clickhouse.ts';
import { invoiceEvent } from '../../support/finance-events.ts';

let store: FreshClickHouse;
let dir: string;
beforeAll(async () => {
  store = await freshClickHouse();
  dir = await mkdtemp(join(tmpdir(), 'cw-dead-letter-'));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

it('sets a refused batch aside with its reason and keeps flushing', async () => {
  const spool = await Spool.open({ dir, maxBytes: 1 << 20 });
  const refusals: number[] = [];
  const flusher = new Flusher(spool, store.ch, { lingerMs: 5, maxBackoffMs: 20, deadLetterAfter: 3, onError: (_e, attempt) => refusals.push(attempt) });
  await flusher.start();
  const poison = 'finance_events\t{"source":"ap/x","id":"poison","time":"not a time"}\n';
  await spool.append(Buffer.from(poison));
  await flusher.drained(20_000);
  const v = validateEvent(invoiceEvent({ id: 'after-poison' }));
  if (!v.ok) throw new Error('invalid fixture');
  await spool.append(Buffer.from(financeEventLine(v.event, Date.now())));
  await flusher.drained(20_000);
  await flusher.stop();
  await spool.close();

  expect(refusals).toEqual([1, 2, 3]);
  expect(flusher.deadLettered).toBe(1);
  const files = await readdir(join(dir, 'dead-letter'));
  const log = files.find((f) => f.endsWith('.log'))!;
  expect(await readFile(join(dir, 'dead-letter', log), 'utf8')).toBe(poison);
  expect(await readFile(join(dir, 'dead-letter', `${log}.reason.txt`), 'utf8')).toMatch(/ClickHouse refused this batch: .*time/s);
  const rs = await store.ch.query({ query: "SELECT id FROM finance_events WHERE id IN ('poison', 'after-poison')", format: 'JSONEachRow' });
  expect(await rs.json()).toEqual([{ id: 'after-poison' }]);
});
