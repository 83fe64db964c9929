// The current stage of a document is its latest event by business time, whatever the
// arrival order and however often events are redelivered; ties break deterministically.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCaller } from "../../server/trpc/app-router.ts";
import { createContextInner } from "../../server/trpc/context.ts";
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
beforeAll(async () => {
  ingest = await startTestIngest();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

const doc = (documentId: string) => ({ entity: 'DE01', documentType: 'supplier_invoice', documentId });
const event = (documentId: string, id: string, type: string, time: string, data: Record<string, unknown> = {}, source = 'ap/coupa-eu') =>
  invoiceEvent({ id, source, type, time, data: { document_id: documentId, ...data } });

it('takes the latest event by business time when events arrive out of order and twice', async () => {
  const received = event('INV-OOO', 'ooo-1', 'finance.invoice.received', '2026-11-02T09:00:00Z', { amount: '12500.00' });
  const approved = event('INV-OOO', 'ooo-2', 'finance.invoice.approved', '2026-11-03T09:00:00+01:00', { amount: undefined, currency: undefined });
  const posted = event('INV-OOO', 'ooo-3', 'finance.invoice.posted', '2026-11-04T16:30:00Z', { amount: undefined, currency: undefined }, 'erp/sap-s4');
  await ingest.post([posted]);
  await ingest.post([received, approved]);
  ingest.service.recent.clear();
  await ingest.post([received]);
  await ingest.drained();

  const state = await api.documents.state(doc('INV-OOO'));
  expect(state).toMatchObject({
    stage: 'finance.invoice.posted',
    stage_entered_at: '2026-11-04 16:30:00.000',
    first_event_at: '2026-11-02 09:00:00.000',
    amount: '12500',
    currency: 'EUR',
    events: '3',
  });
  expect(state!.sources.sort()).toEqual(['ap/coupa-eu', 'erp/sap-s4']);
});

it('breaks a tie in business time by (source, id), not by arrival', async () => {
  const t = '2026-11-05T13:00:00Z';
  const scheduled = event('INV-TIE', 'z-1', 'finance.invoice.scheduled', t);
  const cancelled = event('INV-TIE', 'a-1', 'finance.invoice.cancelled', t);
  await ingest.post([scheduled]);
  await ingest.post([cancelled]);
  await ingest.drained();
  expect((await api.documents.state(doc('INV-TIE')))!.stage).toBe('finance.invoice.scheduled');
});

it('lists documents by stage, paged', async () => {
  const events = Array.from({ length: 5 }, (_, i) => event(`INV-PAGE-${i}`, `page-${i}`, 'finance.invoice.approved', '2026-11-06T10:00:00Z'));
  await ingest.post(events);
  await ingest.drained();
  const first = await api.documents.list({ stage: 'finance.invoice.approved', limit: 3 });
  const second = await api.documents.list({ stage: 'finance.invoice.approved', limit: 3, offset: 3 });
  const ids = [...first.rows, ...second.rows].map((r) => r.document_id).filter((id) => id.startsWith('INV-PAGE-'));
  expect(ids).toEqual(['INV-PAGE-0', 'INV-PAGE-1', 'INV-PAGE-2', 'INV-PAGE-3', 'INV-PAGE-4']);
  expect(first.hasMore).toBe(true);
  expect(second.hasMore).toBe(false);
});
