// ClickHouse migrations: applied once, recorded, and a second run changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';

let store: FreshClickHouse;
beforeAll(async () => {
  store = await freshClickHouse({ migrated: false });
});
afterAll(() => store?.close());

async function schema(): Promise<unknown[]> {
  const rs = await store.ch.query({
    query: 'SELECT table, name, type FROM system.columns WHERE database = currentDatabase() ORDER BY table, position',
    format: 'JSONEachRow',
  });
  return rs.json();
}

it('applies every migration once, then nothing on a second run', async () => {
  const first = await migrateClickHouse(store.connection, {});
  expect(first.applied).toEqual(['0001_finance_events', '0002_quarantine', '0003_spans', '0004_document_state', '0005_ingest_metrics', ...first.applied.slice(5)]);
  const before = await schema();
  const second = await migrateClickHouse(store.connection, {});
  expect(second.applied).toEqual([]);
  expect(await schema()).toEqual(before);
  const rs = await store.ch.query({ query: 'SELECT name FROM schema_migrations FINAL ORDER BY name', format: 'JSONEachRow' });
  expect((await rs.json<{ name: string }>()).map((r) => r.name)).toEqual(first.applied);
});
