// The quarantine through the API: refused records are listed with reasons and filters, and
// replayed after the cause is fixed — re-validated, then stored once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCaller } from '../../server/trpc/app-router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
beforeAll(async () => {
  ingest = await startTestIngest();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db, actor: 'ops@example.com' }));
  await ingest.post([
    invoiceEvent({ id: 'q-good' }),
    invoiceEvent({ id: 'q-float', data: { amount: 99.99 } }),
    invoiceEvent({ id: 'q-currency', data: { currency: 'EURO' } }),
  ]);
  await ingest.post([invoiceEvent({ id: 'q-other', source: 'erp/sap-s4', data: { due_date: '2026-02-30' } })]);
  await ingest.drained();
});
afterAll(() => ingest?.close());

it('lists refused records newest first with every reason, filtered and counted', async () => {
  const all = await api.quarantine.list({});
  expect(all.total).toBe('3');
  expect(all.rows[0]!.event_id).toBe('q-other');
  const amount = await api.quarantine.list({ errorPath: 'data.amount' });
  expect(amount.rows.map((r) => r.event_id)).toEqual(['q-float']);
  expect(amount.rows[0]!.error_messages[0]).toMatch(/decimal string/);
  const bySource = await api.quarantine.list({ source: 'erp/sap-s4' });
  expect(bySource.rows.map((r) => [r.event_id, r.error_paths])).toEqual([['q-other', ['data.due_date']]]);
});

it('replays a corrected record once, keeps an uncorrected one quarantined, and audits both', async () => {
  const [float] = (await api.quarantine.list({ errorPath: 'data.amount' })).rows;
  const [currency] = (await api.quarantine.list({ errorPath: 'data.currency' })).rows;
  const corrected = JSON.parse(float!.raw);
  corrected.data.amount = '99.99';
  const results = await api.quarantine.replay({
    records: [{ quarantineId: float!.quarantine_id, correctedRaw: JSON.stringify(corrected) }, { quarantineId: currency!.quarantine_id }],
  });
  expect(results).toEqual([
    { quarantineId: float!.quarantine_id, outcome: 'replayed', eventId: 'q-float' },
    { quarantineId: currency!.quarantine_id, outcome: 'still_invalid', errors: [expect.objectContaining({ path: 'data.currency' })] },
  ]);
  const again = await api.quarantine.replay({ records: [{ quarantineId: float!.quarantine_id }] });
  expect(again[0]).toMatchObject({ outcome: 'not_replayable', reason: 'already replayed' });

  const rs = await ingest.clickhouse.ch.query({ query: "SELECT amount FROM finance_events WHERE id = 'q-float'", format: 'JSONEachRow' });
  expect(await rs.json()).toEqual([{ amount: '99.99' }]);
  expect((await api.quarantine.list({ status: 'quarantined' })).total).toBe('1');
  expect((await api.quarantine.list({ status: 'replayed' })).rows.map((r) => r.event_id)).toEqual(['q-float']);
  const audit = await ingest.postgres.db.selectFrom('audit_log').selectAll().where('action', '=', 'quarantine.replay').execute();
  expect(audit.map((a) => a.actor)).toEqual(['ops@example.com', 'ops@example.com']);
});

it('summarises refusals by source and first reason', async () => {
  const summary = await api.quarantine.summary({});
  expect(summary).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'erp/sap-s4', first_error_path: 'data.due_date', records: '1' })]));
});

it('sorts the list by a chosen column, either way, on the server', async () => {
  // after the replay test: q-other quarantined, q-currency replay_failed, q-float replayed (no errors left)
  const byPath = await api.quarantine.list({ orderBy: 'first_error_path', direction: 'desc' });
  expect(byPath.rows.map((r) => r.error_paths[0] ?? null)).toEqual(['data.due_date', 'data.currency', null]);
  const byStatus = await api.quarantine.list({ orderBy: 'status', direction: 'asc' });
  expect(byStatus.rows.map((r) => r.status)).toEqual(['quarantined', 'replay_failed', 'replayed']);
  const bySourceDesc = await api.quarantine.list({ orderBy: 'source', direction: 'desc', limit: 1 });
  expect(bySourceDesc.rows.map((r) => r.source)).toEqual(['erp/sap-s4']);
  await expect(api.quarantine.list({ orderBy: 'raw; DROP TABLE quarantine' as never })).rejects.toThrow(/orderBy/);
});

it('gets one record with its history: the refusal, then the replay', async () => {
  const [float] = (await api.quarantine.list({ status: 'replayed' })).rows;
  const { record, history } = await api.quarantine.get({ quarantineId: float!.quarantine_id });
  expect(record.status).toBe('replayed');
  expect(history.map((h) => h.status)).toEqual(['replayed', 'quarantined']);
  expect(history[1]!.error_messages[0]).toMatch(/decimal string/);
  await expect(api.quarantine.get({ quarantineId: "nope' OR 1=1 --" })).rejects.toThrow(/No quarantined record/);
});
