// ClickHouse unreachable for 30 s during a steady stream: ingest keeps acknowledging (the spool
// absorbs the stream), readiness reports the outage and the backlog, and once ClickHouse is
// back every acknowledged event is stored and counted exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventProducer } from '../../support/event-producer.ts';
import { startFaultIngest, type FaultIngest } from '../../support/fault-ingest.ts';
import { startOwnClickHouse, type OwnClickHouse } from '../../support/own-clickhouse.ts';
import { freshDatabase, type FreshDatabase } from '../../support/postgres.ts';
import { storedEvents } from '../../support/stored-events.ts';
import { quietClickHouseClientLogs } from '../../support/quiet-clickhouse-client.ts';

quietClickHouseClientLogs();

const outageMs = 30_000;
let clickhouse: OwnClickHouse;
let postgres: FreshDatabase;
let ingest: FaultIngest;

beforeAll(async () => {
  [clickhouse, postgres] = await Promise.all([startOwnClickHouse(), freshDatabase({ migrated: true })]);
  ingest = await startFaultIngest(clickhouse, postgres);
});
afterAll(async () => {
  await ingest?.close();
  await Promise.all([clickhouse?.close(), postgres?.close()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('keeps acknowledging through a 30 s outage and stores every acknowledged event once', { timeout: 90_000 }, async () => {
  const producer = new EventProducer({ url: () => ingest.url, key: ingest.key, idPrefix: 'outage-', batchSize: 5, intervalMs: 20 });
  producer.start();
  await sleep(3_000);
  expect((await ingest.readiness()).status).toBe(200);

  await clickhouse.stop();
  const ackedBefore = producer.acked.size;
  const readiness: Array<Awaited<ReturnType<FaultIngest['readiness']>>> = [];
  for (const deadline = Date.now() + outageMs; Date.now() < deadline; ) {
    readiness.push(await ingest.readiness());
    await sleep(1_000);
  }
  const ackedDuringOutage = producer.acked.size - ackedBefore;
  const backlogAtRestart = ingest.service.spool.unflushedBytes;
  await clickhouse.start();
  await sleep(2_000);
  await producer.stop();
  await ingest.service.flusher.drained(30_000);

  const stored = await storedEvents(clickhouse.ch, 'outage-', producer.acked);
  console.log(JSON.stringify({ fault: 'clickhouse-outage', acked: producer.acked.size, ackedDuringOutage, backlogAtRestart, outcomes: Object.fromEntries(producer.outcomes), ...stored, missing: stored.missing.length }));
  expect(ackedDuringOutage).toBeGreaterThan(500);
  expect([...producer.outcomes.keys()]).toEqual(['200']);
  expect(readiness.every((r) => r.status === 503 && r.body.checks.clickhouse!.startsWith('unreachable'))).toBe(true);
  expect(readiness.some((r) => /^backlog of [1-9]\d* bytes/.test(r.body.checks.spool!))).toBe(true);
  expect(stored.missing).toEqual([]);
  expect(stored.identities).toBe(producer.acked.size);
  expect(stored.finalRows).toBe(producer.acked.size);
  expect(ingest.service.spool.unflushedBytes).toBe(0);
  expect((await ingest.readiness()).status).toBe(200);
});
