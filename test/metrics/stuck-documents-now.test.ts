// Stuck documents "now" (no asOf): read from document_state in two phases (stages first, then
// the attributes of the stuck ones only). "Now" is pinned to Wed 2026-10-28 14:30Z.
// Payments released have a 4-hour SLA (hours: no calendar); GB01 has no settings of its own,
// so its invoice uses the default calendar (UTC, weekends), approved → 1 business day.
//
//  DE01 PAY-S2 200.00 EUR released Fri 23 Oct 08:30Z → due 12:30Z → 122 h past due.
//  DE01 PAY-S1 100.00 EUR released Mon 26 Oct 08:30Z → due 12:30Z →  50 h past due.
//  GB01 INV-S6 250.00 GBP approved Fri 23 Oct 13:00Z → due Mon 26 Oct 13:00Z → 49.5 h.
//  DE01 PAY-S3 300.00 GBP released Wed 28 Oct 09:00Z → due 13:00Z → 1.5 h past due.
//  DE01 PAY-S4 400.00 EUR released 28 Oct 12:00Z → due 16:00Z → not yet.
//  DE01 PAY-S7 500.00 EUR released 23 Oct, sent Fri 23 Oct 10:00Z: sent has 1 business day
//       (default calendar) → due Mon 26 Oct 10:00Z → 48 + 4.5 = 52.5 h; counterparty "Other AG".
// Expected: EUR 3 documents 800.00 (S2, S1, S7); GBP 2 documents 550.00 (S3, INV-S6).
//   Most overdue first, by hours (not by their text, which would put "52.5" before "122"):
//   S2 122, S7 52.5, S1 50, INV-S6 49.5, S3 1.5.
//   By lateness: under 1 day 1 (S3); 1–3 days 3 (S7, S1, INV-S6); 3–7 days 1 (S2).
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
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
    pay('n7a', 'PAY-S7', 'released', '2026-10-23T08:00:00Z', '500.00', { counterparty_id: 'SUP-7', counterparty_name: 'Other AG' }),
    pay('n7b', 'PAY-S7', 'sent', '2026-10-23T10:00:00Z', '500.00', { counterparty_id: 'SUP-7', counterparty_name: 'Other AG' }),
  ]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

const atNow = () => vi.spyOn(Date, 'now').mockReturnValue(Date.parse(now));

it('finds the stuck documents now, most overdue first by hours, to the cent', async () => {
  atNow();
  const result = await api.metrics.stuckDocuments({});
  expect(result.totals).toEqual([
    { currency: 'EUR', documents: '3', amount: '800' },
    { currency: 'GBP', documents: '2', amount: '550' },
  ]);
  expect(result.byStage).toEqual([
    { document_type: 'payment', stage: 'finance.payment.released', currency: 'EUR', documents: '2', amount: '300' },
    { document_type: 'payment', stage: 'finance.payment.released', currency: 'GBP', documents: '1', amount: '300' },
    { document_type: 'payment', stage: 'finance.payment.sent', currency: 'EUR', documents: '1', amount: '500' },
    { document_type: 'supplier_invoice', stage: 'finance.invoice.approved', currency: 'GBP', documents: '1', amount: '250' },
  ]);
  expect(result.byLateness).toEqual([
    { bucket: 'under 1 day', documents: '1' },
    { bucket: '1–3 days', documents: '3' },
    { bucket: '3–7 days', documents: '1' },
  ]);
  expect(result.documents.rows.map((r) => [r.document_id, r.amount, r.currency, r.due_at, r.hours_past_due])).toEqual([
    ['PAY-S2', '200', 'EUR', '2026-10-23 12:30:00.000', '122'],
    ['PAY-S7', '500', 'EUR', '2026-10-26 10:00:00.000', '52.5'],
    ['PAY-S1', '100', 'EUR', '2026-10-26 12:30:00.000', '50'],
    ['INV-S6', '250', 'GBP', '2026-10-26 13:00:00.000', '49.5'],
    ['PAY-S3', '300', 'GBP', '2026-10-28 13:00:00.000', '1.5'],
  ]);
  const asOf = await api.metrics.stuckDocuments({ asOf: now });
  for (const part of ['totals', 'byStage', 'byLateness', 'documents'] as const) expect(result[part]).toEqual(asOf[part]);
});

it('applies the attribute filters to the stuck documents, and pages them', async () => {
  atNow();
  const other = await api.metrics.stuckDocuments({ counterparty: 'Other AG' });
  expect(other.documents.rows.map((r) => r.document_id)).toEqual(['PAY-S7']);
  const gbp = await api.metrics.stuckDocuments({ currencies: ['GBP'] });
  expect(gbp.totals).toEqual([{ currency: 'GBP', documents: '2', amount: '550' }]);
  const invoices = await api.metrics.stuckDocuments({ documentTypes: ['supplier_invoice', 'customer_invoice'] });
  expect(invoices.documents.rows.map((r) => r.document_id)).toEqual(['INV-S6']);
  expect((await api.metrics.stuckDocuments({ documentTypes: ['no_such_type'] })).totals).toEqual([]);
  const page = await api.metrics.stuckDocuments({ limit: 2, offset: 1 });
  expect(page.documents.rows.map((r) => r.document_id)).toEqual(['PAY-S7', 'PAY-S1']);
  expect(page.documents.hasMore).toBe(true);
  const end = await api.metrics.stuckDocuments({ limit: 2, offset: 4 });
  expect(end.documents).toEqual({ rows: [expect.objectContaining({ document_id: 'PAY-S3' })], hasMore: false });
});

it('treats injection strings in every filter as plain values', async () => {
  atNow();
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }, { documentTypes: [hostile] }]) {
      const result = await api.metrics.stuckDocuments(input);
      expect(result.totals).toEqual([]);
      expect(result.byStage).toEqual([]);
      expect(result.byLateness).toEqual([]);
      expect(result.documents.rows).toEqual([]);
    }
  }
});
