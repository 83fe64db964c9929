// Numbered partitions (platform/clickhouse/numbered-partitions.ts): listed and dropped on a real
// engine, and — since no cluster can run here — where they would be dropped behind a
// Distributed table, from the engine definitions ClickHouse keeps in system.tables.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dropNumberedPartition, numberedPartitions, partitionHomeOf } from '../../platform/clickhouse/numbered-partitions.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';

let store: FreshClickHouse;
beforeAll(async () => {
  store = await freshClickHouse();
});
afterAll(() => store?.close());

it('lists the numbered partitions of a table and drops one', async () => {
  const row = (pass: number, id: string) => ({ pass, side: 'entry', entity: 'DE01', document_type: 'bank_entry', document_id: id,
    direction: 'DBIT', amount: '1.00', currency: 'EUR', counterparty_key: 'x', value_date: '2026-11-02', last_time: '2026-11-02 10:00:00.000' });
  await store.ch.insert({ table: 'matching_candidates', values: [row(1001, 'A'), row(1002, 'B'), row(1002, 'C')], format: 'JSONEachRow' });
  expect((await numberedPartitions(store.ch, 'matching_candidates')).sort()).toEqual(['1001', '1002']);
  await dropNumberedPartition(store.ch, 'matching_candidates', '1002');
  expect(await numberedPartitions(store.ch, 'matching_candidates')).toEqual(['1001']);
  await expect(dropNumberedPartition(store.ch, 'matching_candidates', '1 OR 1')).rejects.toThrow('not a numbered partition');
});

it('drops from the local table on every node behind a Distributed table, and from the table itself otherwise', () => {
  expect(partitionHomeOf('matching_candidates', "Distributed('finance', 'closewatch', 'matching_candidates_local', cityHash64(entity, counterparty_key))"))
    .toEqual({ local: 'matching_candidates_local', alterTarget: 'closewatch.matching_candidates_local ON CLUSTER finance' });
  expect(partitionHomeOf('state_snapshots', 'Distributed(finance, cw_prod, state_snapshots_local, cityHash64(state_table))'))
    .toEqual({ local: 'state_snapshots_local', alterTarget: 'cw_prod.state_snapshots_local ON CLUSTER finance' });
  expect(partitionHomeOf('matching_candidates', 'MergeTree PARTITION BY pass ORDER BY (entity, currency) SETTINGS index_granularity = 8192'))
    .toEqual({ local: 'matching_candidates', alterTarget: 'matching_candidates' });
  expect(() => partitionHomeOf('x', "Distributed('c; DROP TABLE y', 'db', 'x_local')")).toThrow('unexpected Distributed engine');
});
