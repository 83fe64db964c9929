// A restarted ingest (same data directory, same ClickHouse database) still answers
// redeliveries as duplicates: it seeds its memory of recent identities from finance_events.
//
// Ledger (source ap/coupa-eu unless noted):
//   before the restart   POST [rr-1, rr-2, rr-3]                → accepted 3
//                        old-1 written straight to ClickHouse with received_at 48 h ago
//                        (outside the 24 h window the restart remembers)
//   after the restart    POST [rr-1, rr-2, rr-3]                → accepted 0, duplicates 3
//                        POST [rr-2, rr-4]                      → accepted 1 (rr-4), duplicates 1
//                        POST [rr-1] with source ap/other       → accepted 1 (another identity)
//                        POST [old-1]                           → accepted 1 (forgotten: older than the window)
//   finance_events rows: rr-1..rr-4, ap/other rr-1 = 5 from ingest, old-1 twice (direct + redelivered) → 7 rows, 6 identities
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../ingest/auth/api-key-store.ts';
import { financeEventRow } from '../../ingest/events/event-row.ts';
import { RecentIdentities } from '../../ingest/events/recent-identities.ts';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { startIngest, type IngestService } from '../../ingest/ingest-service.ts';
import { loadConfig } from '../../platform/config/env.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { ingestEnv } from '../support/ingest-config.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

let clickhouse: FreshClickHouse;
let postgres: FreshDatabase;
let dataDir: string;
let service: IngestService | undefined;
let key: string;

beforeAll(async () => {
  [clickhouse, postgres, dataDir] = await Promise.all([freshClickHouse(), freshDatabase({ migrated: true }), mkdtemp(join(tmpdir(), 'cw-redelivery-'))]);
  ({ key } = await createApiKey(postgres.db, 'redelivery', ['*']));
});
afterAll(async () => {
  await service?.close();
  await Promise.all([clickhouse?.close(), postgres?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<IngestService> {
  const config = loadConfig(ingestEnv({ dataDir, clickhouse: clickhouse.connection, postgres, port: 0 }));
  const stores = { ch: clickhouse.ch, chConnection: clickhouse.connection, db: postgres.db, close: async () => undefined };
  return startIngest(config, stores, createLogger('ingest-test', 'silent'), { port: 0 });
}

async function post(events: object[]): Promise<{ status: number; body: { accepted: number; duplicates: number; rejected: unknown[] } }> {
  const response = await fetch(`${service!.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/cloudevents-batch+json' },
    body: JSON.stringify(events),
  });
  return { status: response.status, body: await response.json() };
}

async function stored(): Promise<{ rows: number; identities: number }> {
  const result = await clickhouse.ch.query({ query: 'SELECT count() AS rows, uniqExact(source, id) AS identities FROM finance_events', format: 'JSONEachRow' });
  const [row] = await result.json<{ rows: string; identities: string }>();
  return { rows: Number(row!.rows), identities: Number(row!.identities) };
}

it('answers redeliveries after a restart as duplicates', async () => {
  const batch = [invoiceEvent({ id: 'rr-1' }), invoiceEvent({ id: 'rr-2' }), invoiceEvent({ id: 'rr-3' })];
  service = await start();
  expect((await post(batch)).body).toMatchObject({ accepted: 3, duplicates: 0 });
  await service.flusher.drained();

  const old = invoiceEvent({ id: 'old-1' });
  const oldRow = validateEvent(old);
  if (!oldRow.ok) throw new Error('test event invalid');
  await clickhouse.ch.insert({ table: 'finance_events', values: [financeEventRow(oldRow.event, Date.now() - 48 * 3600_000)], format: 'JSONEachRow' });

  await service.close();
  service = await start();
  await service.recentSeeded;
  expect(service.recent.size).toBe(3);

  expect(await post(batch)).toEqual({ status: 200, body: { accepted: 0, duplicates: 3, rejected: [] } });
  expect((await post([invoiceEvent({ id: 'rr-2' }), invoiceEvent({ id: 'rr-4' })])).body).toMatchObject({ accepted: 1, duplicates: 1 });
  expect((await post([invoiceEvent({ id: 'rr-1', source: 'ap/other' })])).body).toMatchObject({ accepted: 1, duplicates: 0 });
  expect((await post([old])).body).toMatchObject({ accepted: 1, duplicates: 0 });
  await service.flusher.drained();
  expect(await stored()).toEqual({ rows: 7, identities: 6 });
});

const k = (id: string) => RecentIdentities.key('test/source', id);

it('seeded identities are older than those accepted since, and a full memory drops them first', () => {
  const recent = new RecentIdentities(3);
  recent.add(k('new-1'));
  recent.seedOlder(new Set(['old-a', 'old-b', 'new-1'].map(k)));
  expect(['old-a', 'old-b', 'new-1'].map((id) => recent.has(k(id)))).toEqual([true, true, true]);
  recent.add(k('new-2')); // full: the oldest seeded one goes, not new-1
  expect(['old-a', 'old-b', 'new-1', 'new-2'].map((id) => recent.has(k(id)))).toEqual([false, true, true, true]);

  const small = new RecentIdentities(3);
  small.add(k('new-1'));
  small.add(k('new-2'));
  small.seedOlder(new Set(['old-a', 'old-b', 'old-c'].map(k))); // room for one: the newest seeded
  expect(['old-a', 'old-b', 'old-c', 'new-1', 'new-2'].map((id) => small.has(k(id)))).toEqual([false, false, true, true, true]);
  expect(small.size).toBe(3);
});
