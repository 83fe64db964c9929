// Spool full: with ClickHouse down and a 64 KiB spool, ingest refuses with 503 and a
// Retry-After (nothing of a refused batch is kept); once ClickHouse is back the backlog drains,
// posting works again and everything acknowledged is stored once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventProducer } from '../../support/event-producer.ts';
import { startFaultIngest, type FaultIngest } from '../../support/fault-ingest.ts';
import { startOwnClickHouse, type OwnClickHouse } from '../../support/own-clickhouse.ts';
import { freshDatabase, type FreshDatabase } from '../../support/postgres.ts';
import { storedEvents } from '../../support/stored-events.ts';
import { quietClickHouseClientLogs } from '../../support/quiet-clickhouse-client.ts';

quietClickHouseClientLogs();

let clickhouse: OwnClickHouse;
let postgres: FreshDatabase;
let ingest: FaultIngest;

beforeAll(async () => {
  [clickhouse, postgres] = await Promise.all([startOwnClickHouse(), freshDatabase({ migrated: true })]);
  await clickhouse.stop();
  ingest = await startFaultIngest(clickhouse, postgres, { INGEST_SPOOL_MAX_BYTES: String(64 * 1024), INGEST_MAX_BODY_BYTES: String(16 * 1024) });
});
afterAll(async () => {
  await ingest?.close();
  await Promise.all([clickhouse?.close(), postgres?.close()]);
});

it('answers 503 with Retry-After when full, and accepts again once drained', { timeout: 90_000 }, async () => {
  const producer = new EventProducer({ url: () => ingest.url, key: ingest.key, idPrefix: 'full-', batchSize: 10 });
  let refused;
  for (let posts = 0; posts < 100 && !refused; posts++) {
    const result = await producer.postBatch();
    if (result?.status !== 200) refused = result;
  }
  expect(refused?.status).toBe(503);
  expect(refused?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  expect((refused?.body as { error: string }).error).toMatch(/spool is full/);
  const readiness = await ingest.readiness();
  expect(readiness.status).toBe(503);
  expect(readiness.body.checks.spool).toMatch(/^backlog of [1-9]\d* bytes/);
  const ackedWhileDown = producer.acked.size;

  await clickhouse.start();
  await ingest.service.flusher.drained(30_000);
  const after = await producer.postBatch();
  expect(after?.status).toBe(200);
  await ingest.service.flusher.drained(30_000);

  const stored = await storedEvents(clickhouse.ch, 'full-', producer.acked);
  console.log(JSON.stringify({ fault: 'spool-full', ackedWhileDown, acked: producer.acked.size, retryAfter: refused?.headers.get('retry-after'), outcomes: Object.fromEntries(producer.outcomes), ...stored, missing: stored.missing.length }));
  expect(ackedWhileDown).toBeGreaterThan(0);
  expect(stored.missing).toEqual([]);
  expect(stored.identities).toBe(producer.acked.size); // nothing of the refused batch was kept
  expect(stored.finalRows).toBe(producer.acked.size);
});
