// Stuck documents read through a document_state snapshot stay exact: the same answer before
// and after the snapshot is built, and after events arrive once it exists — a document that
// settles, a new stuck one, a redelivery and an out-of-order event — with the changed
// documents merged afresh, then read from an overlay, and the rest taken from the base. "Now" is pinned to
// Wed 2026-10-28 14:30Z; payments released have a 4-hour SLA, GB01 uses the default calendar.
//
// Before the snapshot (as in stuck-documents-now.test.ts, without PAY-S7):
//   DE01 PAY-S2 200.00 EUR released Fri 23 Oct 08:30Z → due 12:30Z → 122 h past due.
//   DE01 PAY-S1 100.00 EUR released Mon 26 Oct 08:30Z → due 12:30Z →  50 h past due.
//   GB01 INV-S6 250.00 GBP approved Fri 23 Oct 13:00Z → due Mon 26 Oct 13:00Z → 49.5 h.
//   DE01 PAY-S3 300.00 GBP released Wed 28 Oct 09:00Z → due 13:00Z → 1.5 h.
//   DE01 PAY-S4 400.00 EUR released Wed 28 Oct 12:00Z → due 16:00Z → not yet.
//   → EUR 2 documents 300.00; GBP 2 documents 550.00.
// After it:
//   PAY-S1 settled Tue 27 Oct 09:00Z → no longer stuck.
//   PAY-S8 800.00 EUR released Tue 27 Oct 08:30Z (new) → due 12:30Z → 26 h past due.
//   PAY-S4 an older 'released' dated 26 Oct arrives late → its stage still entered 28 Oct 12:00Z.
//   PAY-S2's release redelivered → counted once.
//   → EUR 2 documents 1000.00 (S2, S8); GBP unchanged.
// After an overlay: PAY-S8 settled Wed 28 Oct 10:00Z → EUR 1 document 200.00 (S2).
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { chSql, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { buildStateSnapshot } from '../../server/state-snapshots/build-state-snapshot.ts';
import { createCaller } from '../../server/trpc/app-router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const now = '2026-10-28T14:30:00Z';

const ev = (id: string, documentId: string, type: string, time: string, data: Record<string, unknown> = {}, entity = 'DE01') =>
  invoiceEvent({ id, type, time, data: { entity, document_id: documentId, ...data } });
const pay = (id: string, documentId: string, type: string, time: string, amount: string, data: Record<string, unknown> = {}) =>
  ev(id, documentId, `finance.payment.${type}`, time, { document_type: 'payment', amount, ...data });

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  await syncBusinessCalendar(ingest.clickhouse.ch, await loadFinanceSettings(db), new Date('2026-10-01T00:00:00Z'));
  await ingest.post([
    pay('n2', 'PAY-S2', 'released', '2026-10-23T08:30:00Z', '200.00'),
    pay('n1', 'PAY-S1', 'released', '2026-10-26T08:30:00Z', '100.00'),
    ev('n6', 'INV-S6', 'finance.invoice.approved', '2026-10-23T13:00:00Z', { amount: '250.00', currency: 'GBP' }, 'GB01'),
    pay('n3', 'PAY-S3', 'released', '2026-10-28T09:00:00Z', '300.00', { currency: 'GBP' }),
    pay('n4', 'PAY-S4', 'released', '2026-10-28T12:00:00Z', '400.00'),
  ]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

const atNow = () => vi.spyOn(Date, 'now').mockReturnValue(Date.parse(now));
const rows = (r: Awaited<ReturnType<typeof api.metrics.stuckDocuments>>) => r.documents.rows.map((x) => [x.document_id, x.amount, x.currency, x.hours_past_due]);
const before = {
  totals: [
    { currency: 'EUR', documents: '2', amount: '300' },
    { currency: 'GBP', documents: '2', amount: '550' },
  ],
  rows: [
    ['PAY-S2', '200', 'EUR', '122'],
    ['PAY-S1', '100', 'EUR', '50'],
    ['INV-S6', '250', 'GBP', '49.5'],
    ['PAY-S3', '300', 'GBP', '1.5'],
  ],
};

it('answers the same before and after the snapshot is built', async () => {
  atNow();
  const plain = await api.metrics.stuckDocuments({});
  expect(plain.totals).toEqual(before.totals);
  expect(rows(plain)).toEqual(before.rows);
  // margin 0: every document written so far is inside the snapshot, so it is read from there
  const build = await buildStateSnapshot(ingest.clickhouse.ch, 'document_state', { marginMs: 0 });
  expect(build.documents).toBe(5);
  const snapshotted = await api.metrics.stuckDocuments({});
  for (const part of ['totals', 'byStage', 'byLateness', 'documents'] as const) expect(snapshotted[part]).toEqual(plain[part]);
  const gbp = await api.metrics.stuckDocuments({ currencies: ['GBP'], entities: ['GB01'] });
  expect(rows(gbp)).toEqual([['INV-S6', '250', 'GBP', '49.5']]);
});

it('merges afresh the documents changed after the snapshot, then reads them from an overlay, to the cent', async () => {
  atNow();
  await ingest.post([
    pay('n1s', 'PAY-S1', 'settled', '2026-10-27T09:00:00Z', '100.00'),
    pay('n8', 'PAY-S8', 'released', '2026-10-27T08:30:00Z', '800.00'),
    pay('n4old', 'PAY-S4', 'released', '2026-10-26T08:00:00Z', '400.00'),
    pay('n2', 'PAY-S2', 'released', '2026-10-23T08:30:00Z', '200.00'),
  ]);
  await ingest.drained();
  const result = await api.metrics.stuckDocuments({});
  expect(result.totals).toEqual([
    { currency: 'EUR', documents: '2', amount: '1000' },
    { currency: 'GBP', documents: '2', amount: '550' },
  ]);
  expect(rows(result)).toEqual([
    ['PAY-S2', '200', 'EUR', '122'],
    ['INV-S6', '250', 'GBP', '49.5'],
    ['PAY-S8', '800', 'EUR', '26'],
    ['PAY-S3', '300', 'GBP', '1.5'],
  ]);
  // the events themselves (as-of path) agree
  const asOf = await api.metrics.stuckDocuments({ asOf: now });
  for (const part of ['totals', 'byStage', 'byLateness', 'documents'] as const) expect(result[part]).toEqual(asOf[part]);
  // an overlay folds in the three changed documents only (the redelivery changed nothing), and answers the same
  const overlay = await buildStateSnapshot(ingest.clickhouse.ch, 'document_state', { kind: 'overlay', marginMs: 0 });
  expect(overlay).toMatchObject({ kind: 'overlay', documents: 3 });
  const fromOverlay = await api.metrics.stuckDocuments({});
  for (const part of ['totals', 'byStage', 'byLateness', 'documents'] as const) expect(fromOverlay[part]).toEqual(result[part]);
  // a change on top of the overlay: PAY-S8 settles
  await ingest.post([pay('n8s', 'PAY-S8', 'settled', '2026-10-28T10:00:00Z', '800.00')]);
  await ingest.drained();
  const settled = await api.metrics.stuckDocuments({});
  expect(settled.totals).toEqual([
    { currency: 'EUR', documents: '1', amount: '200' },
    { currency: 'GBP', documents: '2', amount: '550' },
  ]);
  // a second overlay still holds every change since the base; a new base answers the same
  expect(await buildStateSnapshot(ingest.clickhouse.ch, 'document_state', { kind: 'overlay', marginMs: 0 })).toMatchObject({ documents: 3 });
  const fromSecondOverlay = await api.metrics.stuckDocuments({});
  for (const part of ['totals', 'byStage', 'byLateness', 'documents'] as const) expect(fromSecondOverlay[part]).toEqual(settled[part]);
  await buildStateSnapshot(ingest.clickhouse.ch, 'document_state', { marginMs: 0 });
  const rebuilt = await api.metrics.stuckDocuments({});
  for (const part of ['totals', 'byStage', 'byLateness', 'documents'] as const) expect(rebuilt[part]).toEqual(settled[part]);
});

it('registers each build and drops generations no reader needs', async () => {
  const base = await buildStateSnapshot(ingest.clickhouse.ch, 'document_state', { marginMs: 0, keepMs: 0 });
  const overlay = await buildStateSnapshot(ingest.clickhouse.ch, 'document_state', { kind: 'overlay', marginMs: 0, keepMs: 0 });
  expect(overlay).toMatchObject({ kind: 'overlay', baseGeneration: base.generation, documents: 0 });
  const generations = await queryRows<{ g: string }>(ingest.clickhouse.ch, chSql`SELECT DISTINCT toString(generation) AS g FROM document_state_snapshot ORDER BY g`);
  expect(generations.map((x) => x.g)).toEqual([base.generation]); // an empty overlay writes no rows
  const registered = await queryRows<{ g: string; base: string; documents: string }>(ingest.clickhouse.ch, chSql`
    SELECT toString(generation) AS g, toString(base_generation) AS base, toString(documents) AS documents
    FROM state_snapshots WHERE state_table = 'document_state' ORDER BY generation DESC LIMIT 2`);
  expect(registered).toEqual([
    { g: overlay.generation, base: base.generation, documents: '0' },
    { g: base.generation, base: base.generation, documents: '6' },
  ]);
});

it('reads unchanged documents from the snapshot (a row only the snapshot holds shows up)', async () => {
  atNow();
  const [{ g }] = await queryRows<{ g: string }>(ingest.clickhouse.ch, chSql`SELECT toString(argMax(base_generation, generation)) AS g FROM state_snapshots`) as [{ g: string }];
  await ingest.clickhouse.ch.insert({
    table: 'document_state_snapshot',
    values: [{ generation: g, document_type: 'payment', stage: 'finance.payment.released', entity: 'DE01', document_id: 'ONLY-IN-SNAPSHOT',
      stage_entered_at: '2026-10-20 08:30:00.000', first_event_at: '2026-10-20 08:30:00.000', last_received_at: '2026-10-20 08:30:00.000',
      amount: '1.00', currency: 'EUR', counterparty_id: '', counterparty_name: '', correlation_id: '', reference: '', sources: ['erp/test'] }],
    format: 'JSONEachRow',
  });
  const result = await api.metrics.stuckDocuments({});
  expect(result.documents.rows.map((r) => r.document_id)).toContain('ONLY-IN-SNAPSHOT');
});
