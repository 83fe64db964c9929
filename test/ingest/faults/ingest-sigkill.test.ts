// Ingest SIGKILLed mid-stream and restarted on the same data directory: once at a random
// moment, once right after ClickHouse stored a batch but before ingest saw the answer (so the
// restart must redo that batch). Every acknowledged event must end up stored once.
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../../ingest/auth/api-key-store.ts';
import { readCheckpoint } from '../../../ingest/spool/checkpoint.ts';
import { startInsertTap, type InsertTap } from '../../support/clickhouse-insert-tap.ts';
import { EventProducer } from '../../support/event-producer.ts';
import { freePort } from '../../support/free-port.ts';
import { ingestEnv } from '../../support/ingest-config.ts';
import { spawnIngest, type IngestChild } from '../../support/ingest-child.ts';
import { startOwnClickHouse, type OwnClickHouse } from '../../support/own-clickhouse.ts';
import { freshDatabase, type FreshDatabase } from '../../support/postgres.ts';
import { waitUntilStored } from '../../support/stored-events.ts';
let clickhouse: OwnClickHouse;
let postgres: FreshDatabase;
let tap: InsertTap;
let dataDir: string;
let child: IngestChild | undefined;

beforeAll(async () => {
  [clickhouse, postgres, dataDir] = await Promise.all([startOwnClickHouse(), freshDatabase({ migrated: true }), mkdtemp(join(tmpdir(), 'cw-fault-kill-'))]);
  tap = await startInsertTap(Number(new URL(clickhouse.connection.url).port));
});
afterAll(async () => {
  await child?.kill();
  await tap?.close();
  await Promise.all([clickhouse?.close(), postgres?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('loses no acknowledged event and doubles no row across SIGKILLs', { timeout: 120_000 }, async () => {
  const env = ingestEnv({ dataDir, postgres, port: await freePort(), clickhouse: { ...clickhouse.connection, url: `http://127.0.0.1:${tap.port}` } });
  const { key } = await createApiKey(postgres.db, 'fault-kill', ['*']);
  const startMs: number[] = [];
  const start = async () => {
    const started = Date.now();
    child = await spawnIngest(env, 45_000);
    startMs.push(Date.now() - started);
  };
  await start();
  const producer = new EventProducer({ url: () => child!.url, key, idPrefix: `kill-${Date.now()}-`, batchSize: 10, intervalMs: 5, concurrency: 4 });
  producer.start();

  await sleep(1_000 + Math.random() * 2_000);
  const randomKill = await child!.kill();
  await start();
  await sleep(1_000);

  await new Promise<void>((resolve) => tap.armOnInsertAnswered(() => (child!.process.kill('SIGKILL'), resolve())));
  await child!.exited;
  const leftPending = (await readCheckpoint(join(dataDir, 'spool')))?.pending ?? null;
  await start();
  await sleep(1_000);
  await producer.stop();

  const stored = await waitUntilStored(clickhouse.ch, producer.options.idPrefix, producer.acked, 30_000);
  console.log(JSON.stringify({ fault: 'ingest-sigkill', startMs, acked: producer.acked.size, outcomes: Object.fromEntries(producer.outcomes), leftPending: leftPending !== null, ...stored, missing: stored.missing.length }));
  expect(randomKill).toBe('SIGKILL');
  expect(leftPending).not.toBeNull(); // ClickHouse had stored the batch, the commit never happened: the restart redid it
  expect(stored.missing).toEqual([]);
  expect(stored.identities).toBeGreaterThanOrEqual(producer.acked.size); // unacknowledged posts may be stored too
  expect(stored.finalRows).toBe(stored.identities);
  expect(stored.rawRows).toBe(stored.identities);
});
