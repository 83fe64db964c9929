// Stuck documents against a hand-worked ledger. SLA clocks cross a weekend, a holiday and
// the end of daylight saving time in Europe/Berlin (Sunday 25 Oct 2026, +02:00 → +01:00).
//
// Ledger (evaluated as of Wed 2026-10-28 14:30Z unless stated):
//  DE01 INV-SLA-1  approved Fri 23 Oct 15:00 Berlin (13:00Z), DE01 SLA 2 business days.
//                  Sat, Sun off; Mon 26 Oct is a DE01 holiday; Tue 27 = 1, Wed 28 = 2.
//                  Due Wed 28 Oct 15:00 Berlin = 14:00Z (CET) → 0.5 h past due. 12,500.00 EUR.
//                  (Keeping the summer offset would put the due time at 13:00Z.)
//  DE01 INV-SLA-2  posted Tue 27 Oct 09:00Z; default SLA 3 business days → Fri 30 Oct → not stuck.
//  DE01 INV-SLA-4  approved Fri 23 Oct, posted Mon 26 Oct 10:00Z (holiday): 3 business days from
//                  the holiday → Tue, Wed, Thu 29 Oct 11:00 Berlin → not stuck yet.
//  DE01 PAY-SLA-3  payment released Wed 28 Oct 08:00Z; default SLA 4 hours → due 12:00Z → 2.5 h. 1,000.50 EUR.
//  GB01 INV-GB-1   approved Fri 23 Oct 13:00Z; no GB01 settings → default calendar (UTC, weekends);
//                  1 business day → Mon 26 Oct 13:00Z → 49.5 h past due. 250.00 GBP.
//  DE01 INV-DONE   cancelled: no SLA for a terminal stage → never stuck.
// Expected: 3 stuck; EUR 13,500.50 (2 documents), GBP 250.00 (1 document).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { createCaller } from '../../server/trpc/app-router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const asOf = '2026-10-28T14:30:00Z';

const ev = (id: string, documentId: string, type: string, time: string, data: Record<string, unknown> = {}, entity = 'DE01') =>
  invoiceEvent({ id, type, time, data: { entity, document_id: documentId, ...data } });

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  await db.insertInto('entity_settings').values({ entity: 'DE01', name: 'Closewatch GmbH', time_zone: 'Europe/Berlin', functional_currency: 'EUR' }).execute();
  await db.insertInto('holidays').values({ entity: 'DE01', date: '2026-10-26', name: 'Company holiday' }).execute();
  await db.insertInto('sla_policies').values({ document_type: 'supplier_invoice', stage: 'finance.invoice.approved', entity: 'DE01', amount: 2, unit: 'business_days' }).execute();
  await syncBusinessCalendar(ingest.clickhouse.ch, await loadFinanceSettings(db), new Date('2026-10-01T00:00:00Z'));
  await ingest.post([
    ev('s1', 'INV-SLA-1', 'finance.invoice.approved', '2026-10-23T15:00:00+02:00', { amount: '12500.00' }),
    ev('s2', 'INV-SLA-2', 'finance.invoice.posted', '2026-10-27T09:00:00Z'),
    ev('s4a', 'INV-SLA-4', 'finance.invoice.approved', '2026-10-23T13:00:00Z'),
    ev('s4b', 'INV-SLA-4', 'finance.invoice.posted', '2026-10-26T10:00:00Z'),
    { ...ev('s3', 'PAY-SLA-3', 'finance.payment.released', '2026-10-28T08:00:00Z', { document_type: 'payment', amount: '1000.50' }) },
    ev('g1', 'INV-GB-1', 'finance.invoice.approved', '2026-10-23T13:00:00Z', { amount: '250.00', currency: 'GBP' }, 'GB01'),
    ev('d1', 'INV-DONE', 'finance.invoice.cancelled', '2026-10-01T09:00:00Z'),
  ]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());

it('finds the stuck documents with hours past SLA, to the cent', async () => {
  const result = await api.metrics.stuckDocuments({ asOf });
  expect(result.totals).toEqual([
    { currency: 'EUR', documents: '2', amount: '13500.5' },
    { currency: 'GBP', documents: '1', amount: '250' },
  ]);
  expect(result.documents.rows.map((r) => [r.document_id, r.amount, r.sla, r.due_at, r.hours_past_due])).toEqual([
    ['INV-GB-1', '250', '1 business_days', '2026-10-26 13:00:00.000', '49.5'],
    ['PAY-SLA-3', '1000.5', '4 hours', '2026-10-28 12:00:00.000', '2.5'],
    ['INV-SLA-1', '12500', '2 business_days', '2026-10-28 14:00:00.000', '0.5'],
  ]);
  expect(result.byLateness).toEqual([
    { bucket: 'under 1 day', documents: '2' },
    { bucket: '1–3 days', documents: '1' },
  ]);
});

it('does not count the DE01 invoice before its winter-time due time', async () => {
  const result = await api.metrics.stuckDocuments({ asOf: '2026-10-28T13:59:00Z', entities: ['DE01'], documentTypes: ['supplier_invoice'] });
  expect(result.documents.rows).toEqual([]);
});

it('filters by entity and currency, and pages the documents', async () => {
  const gb = await api.metrics.stuckDocuments({ asOf, entities: ['GB01'] });
  expect(gb.documents.rows.map((r) => r.document_id)).toEqual(['INV-GB-1']);
  const eur = await api.metrics.stuckDocuments({ asOf, currencies: ['EUR'], limit: 1 });
  expect(eur.documents.rows.map((r) => r.document_id)).toEqual(['PAY-SLA-3']);
  expect(eur.documents.hasMore).toBe(true);
});

it('treats injection strings in every filter as plain values', async () => {
  const hostile = "DE01' OR 1=1 --";
  for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }, { documentTypes: [hostile] }]) {
    const result = await api.metrics.stuckDocuments({ asOf, ...input });
    expect(result.documents.rows).toEqual([]);
  }
});

it('sorts the documents on the server by a chosen column, paging without overlap', async () => {
  // amounts: INV-GB-1 250.00, PAY-SLA-3 1,000.50, INV-SLA-1 12,500.00 (as numbers, not text)
  const asc = await api.metrics.stuckDocuments({ asOf, orderBy: 'amount', direction: 'asc', limit: 2 });
  const rest = await api.metrics.stuckDocuments({ asOf, orderBy: 'amount', direction: 'asc', limit: 2, offset: 2 });
  expect([...asc.documents.rows, ...rest.documents.rows].map((r) => r.document_id)).toEqual(['INV-GB-1', 'PAY-SLA-3', 'INV-SLA-1']);
  expect([asc.documents.hasMore, rest.documents.hasMore]).toEqual([true, false]);
  const byEntityDesc = await api.metrics.stuckDocuments({ asOf, orderBy: 'entity', direction: 'desc' });
  // GB01 first, then DE01 in the default order (most overdue first)
  expect(byEntityDesc.documents.rows.map((r) => r.document_id)).toEqual(['INV-GB-1', 'PAY-SLA-3', 'INV-SLA-1']);
  expect(byEntityDesc.totals).toEqual((await api.metrics.stuckDocuments({ asOf })).totals);
  await expect(api.metrics.stuckDocuments({ asOf, orderBy: 'amount; DROP TABLE x' as never })).rejects.toThrow(/orderBy/);
});
