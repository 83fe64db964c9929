// The same DDL templates render for one server and for a cluster (the scale-out path).
import { expect, it } from 'vitest';
import { loadClickHouseMigrations } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { renderDdl } from '../../platform/clickhouse/schema/render-ddl.ts';

const template = `-- a comment
CREATE TABLE IF NOT EXISTS {{table:finance_events}} {{on_cluster}} (id String)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY id;

{{distributed:finance_events:cityHash64(id)}};
CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:state_mv}} {{on_cluster}} TO {{table:state}} AS SELECT id FROM {{table:finance_events}};
ALTER TABLE {{table:finance_events}} {{on_cluster}} ADD COLUMN IF NOT EXISTS note String;
{{distributed_alter:finance_events:ADD COLUMN IF NOT EXISTS note String}};`;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

it('renders plain tables for a single server', () => {
  expect(renderDdl(template, {}).map(squash)).toEqual([
    'CREATE TABLE IF NOT EXISTS finance_events (id String) ENGINE = ReplacingMergeTree(received_at) ORDER BY id',
    'CREATE MATERIALIZED VIEW IF NOT EXISTS state_mv TO state AS SELECT id FROM finance_events',
    'ALTER TABLE finance_events ADD COLUMN IF NOT EXISTS note String',
  ]);
});

it('renders replicated local tables, a distributed front and local views for a cluster', () => {
  expect(renderDdl(template, { cluster: 'finance' }).map(squash)).toEqual([
    "CREATE TABLE IF NOT EXISTS finance_events_local ON CLUSTER finance (id String) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/finance_events_local', '{replica}', received_at) ORDER BY id",
    'CREATE TABLE IF NOT EXISTS finance_events ON CLUSTER finance AS finance_events_local ENGINE = Distributed(finance, currentDatabase(), finance_events_local, cityHash64(id))',
    'CREATE MATERIALIZED VIEW IF NOT EXISTS state_mv_local ON CLUSTER finance TO state_local AS SELECT id FROM finance_events_local',
    'ALTER TABLE finance_events_local ON CLUSTER finance ADD COLUMN IF NOT EXISTS note String',
    'ALTER TABLE finance_events ON CLUSTER finance ADD COLUMN IF NOT EXISTS note String',
  ]);
});

it('renders every shipped migration for a cluster with no placeholder left', async () => {
  const migrations = await loadClickHouseMigrations({ cluster: 'finance' });
  expect(migrations.map((m) => m.name)).toContain('0001_finance_events');
  for (const statement of migrations.flatMap((m) => m.statements)) {
    expect(statement).not.toMatch(/\{\{/);
    if (/^CREATE TABLE IF NOT EXISTS \w+_local/.test(statement)) expect(statement).toMatch(/ENGINE = Replicated\w*MergeTree\('/);
  }
  const statements = migrations.flatMap((m) => m.statements);
  // A table a migration creates only to swap in under another name (EXCHANGE) and drop has no front.
  const dropped = new Set(statements.map((s) => /^DROP TABLE IF EXISTS (\w+)_local /.exec(s)?.[1]).filter(Boolean));
  const localTables = statements.map((s) => /^CREATE TABLE IF NOT EXISTS (\w+)_local /.exec(s)?.[1]).filter((t) => t && !dropped.has(t));
  const distributed = statements.map((s) => /^CREATE TABLE IF NOT EXISTS (\w+) ON CLUSTER finance AS \w+_local\s+ENGINE = Distributed/.exec(s)?.[1]).filter(Boolean);
  expect(localTables).toEqual(expect.arrayContaining(['finance_events', 'quarantine', 'spans', 'document_state']));
  // Every replicated local table has a Distributed front of the same name.
  expect(distributed).toEqual(localTables);
});
