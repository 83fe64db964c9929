// The server's snapshot loop (one turn: refreshStateSnapshots) keeps every snapshotted state table's snapshot: a base for each
// at its first run, nothing while no state row changes, an overlay of only the changed keys
// once events arrive, and a new base once the changes pass the policy's share.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventLoader } from '../../bench/metrics/event-loader.ts';
import { chSql, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { refreshStateSnapshots, snapshotDue } from '../../server/state-snapshots/state-snapshot-loop.ts';
import { snapshottedStates } from '../../sql/queries/state-snapshots.sql.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';

let clickhouse: FreshClickHouse;
let loader: EventLoader;

beforeAll(async () => {
  clickhouse = await freshClickHouse();
  loader = new EventLoader(clickhouse.ch, { seed: 5, start: new Date('2026-09-01T00:00:00Z'), days: 30, documentsPerDay: 40, batchRows: 5_000 });
  await loader.loadUntil(6_000, () => undefined);
}, 120_000);
afterAll(() => clickhouse?.close());

interface Registration {
  state_table: string;
  kind: string;
  documents: string;
}

const registrations = () =>
  queryRows<Registration>(clickhouse.ch, chSql`
    SELECT state_table, if(generation = base_generation, 'base', 'overlay') AS kind, toString(documents) AS documents
    FROM state_snapshots ORDER BY generation`);

/** One turn of the server's loop. */
const runOnce = (policy = { rebaseShare: 0.5, maxBaseAgeMs: 3_600_000 }) => refreshStateSnapshots(clickhouse.ch, policy);

/** Past the watermark's margin (build-state-snapshot.ts): rows written before are inside the next generation. */
const pastMargin = () => new Promise((resolve) => setTimeout(resolve, 2_100));

it('builds a base of every state, skips unchanged ones, then overlays only what changed', async () => {
  await pastMargin();
  await runOnce();
  const first = await registrations();
  expect(first.map((r) => r.state_table).sort()).toEqual([...snapshottedStates].sort());
  expect(first.every((r) => r.kind === 'base' && Number(r.documents) > 0)).toBe(true);

  // nothing changed: no state is due, a run builds nothing
  for (const state of snapshottedStates) expect(await snapshotDue(clickhouse.ch, state, { rebaseShare: 0.5, maxBaseAgeMs: 3_600_000 }), state).toBeUndefined();
  await runOnce();
  expect(await registrations()).toHaveLength(first.length);

  // a few more events (past the watermark's margin): overlays of a fraction of the documents
  await loader.loadUntil(loader.loaded.events + 300, () => undefined);
  await pastMargin();
  await runOnce();
  const second = (await registrations()).slice(first.length);
  expect(second.length).toBeGreaterThan(0);
  for (const r of second) {
    const base = first.find((b) => b.state_table === r.state_table)!;
    expect(r.kind, r.state_table).toBe('overlay');
    expect(Number(r.documents), r.state_table).toBeLessThan(Number(base.documents) / 2);
  }
  // documents, settlements and supplier invoices all move in 300 events
  expect(second.map((r) => r.state_table)).toEqual(expect.arrayContaining(['document_state', 'settlement_state', 'invoice_capture_state']));

  // with a policy that rebases on any change, the next change brings new bases
  await loader.loadUntil(loader.loaded.events + 300, () => undefined);
  await runOnce({ rebaseShare: 0, maxBaseAgeMs: 3_600_000 });
  const third = (await registrations()).slice(first.length + second.length);
  expect(third.length).toBeGreaterThan(0);
  expect(third.every((r) => r.kind === 'base')).toBe(true);
}, 180_000);
