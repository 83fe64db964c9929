// The document timeline against a hand-worked ledger (entity DE01, time zone Europe/Berlin):
//   INV-1 supplier invoice (ap/coupa-eu, then erp/sap-de), 1,190.00 EUR, Müller GmbH:
//     received 2 Nov 09:00:00.000Z, approved 3 Nov 10:30:00.250Z, approved again by a second
//     approver 3 Nov 11:00Z, posted 4 Nov 08:00Z, scheduled 5 Nov 07:00Z.
//   PAY-1 payment (treasury/kyriba), correlation_id INV-1, end-to-end id E2E-1: released
//     6 Nov 08:00Z, sent 6 Nov 09:00Z, settled (bank/db-de) 7 Nov 15:00Z.
//   BE-1 bank entry (bank/db-de), DBIT 1,190.00, E2E-1, booked 7 Nov 20:00Z → the matcher's
//     exact_reference rule (end_to_end_id) pairs it with PAY-1.
//   Noise: INV-2 (another invoice), INV-1 of entity GB01, a span naming INV-1 for GB01.
//   Spans: "post invoice" INV-1 at 4 Nov 07:59:59.500Z for 400 ms; "send payment file" PAY-1
//     at 6 Nov 08:59:00Z for 2 s (posted twice: appears once).
// Events are posted newest first and INV-1's first approval twice (appears once).
// Stages of INV-1 as of 10 Nov 12:00Z (the two approvals are one stage):
//   received  2 Nov 09:00:00.000 → 3 Nov 10:30:00.250 = 1 d 1 h 30 m 0.25 s = 91,800,250 ms
//   approved  3 Nov 10:30:00.250 → 4 Nov 08:00:00.000 = 21 h 29 m 59.75 s  = 77,399,750 ms
//   posted    4 Nov 08:00 → 5 Nov 07:00 = 23 h = 82,800,000 ms
//   scheduled 5 Nov 07:00 → open, to 10 Nov 12:00 = 5 d 5 h = 450,000,000 ms
// As of 6 Nov 08:30Z: PAY-1 only released, BE-1 not yet booked (nor matched); scheduled has
//   lasted 25 h 30 m = 91,800,000 ms. BE-1 as of 10 Nov 12:00: booked for 2 d 16 h = 230,400,000 ms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsRouter } from '../../server/documents/documents.router.ts';
import { runPaymentMatcher } from '../../server/matching/payment-matcher.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(documentsRouter);
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T12:00:00Z';

const ev = (source: string, id: string, type: string, time: string, data: Record<string, unknown>) => ({
  specversion: '1.0', id, source, type, time, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const inv = (id: string, type: string, time: string, extra: Record<string, unknown> = {}, source = 'ap/coupa-eu') =>
  ev(source, id, `finance.invoice.${type}`, time, { document_type: 'supplier_invoice', document_id: 'INV-1', ...extra });
const pay = (id: string, type: string, time: string, source = 'treasury/kyriba') =>
  ev(source, id, `finance.payment.${type}`, time, { document_type: 'payment', document_id: 'PAY-1', correlation_id: 'INV-1', end_to_end_id: 'E2E-1', amount: '1190.00', counterparty_id: 'SUP-1', counterparty_name: 'Müller GmbH', value_date: '2026-11-07' });

const ledger = [
  inv('INV-1.received', 'received', '2026-11-02T09:00:00.000Z', { amount: '1190.00', counterparty_id: 'SUP-1', counterparty_name: 'Müller GmbH' }),
  inv('INV-1.approved', 'approved', '2026-11-03T10:30:00.250Z'),
  inv('INV-1.approved-2', 'approved', '2026-11-03T11:00:00Z'),
  inv('INV-1.posted', 'posted', '2026-11-04T08:00:00Z', {}, 'erp/sap-de'),
  inv('INV-1.scheduled', 'scheduled', '2026-11-05T07:00:00Z', {}, 'erp/sap-de'),
  pay('PAY-1.released', 'released', '2026-11-06T08:00:00Z'),
  pay('PAY-1.sent', 'sent', '2026-11-06T09:00:00Z'),
  pay('PAY-1.settled', 'settled', '2026-11-07T15:00:00Z', 'bank/db-de'),
  ev('bank/db-de', 'BE-1.booked', 'finance.bank_entry.booked', '2026-11-07T20:00:00Z',
    { document_type: 'bank_entry', document_id: 'BE-1', amount: '1190.00', credit_debit: 'DBIT', value_date: '2026-11-07', account: 'DE89370400440532013000', end_to_end_id: 'E2E-1', counterparty_name: 'MULLER GMBH' }),
  inv('INV-2.received', 'received', '2026-11-02T10:00:00Z', { document_id: 'INV-2', amount: '50.00', counterparty_id: 'SUP-2' }),
  inv('GB-INV-1.received', 'received', '2026-11-02T11:00:00Z', { entity: 'GB01', currency: 'GBP', amount: '70.00', counterparty_id: 'SUP-3' }),
];

const nanos = (iso: string, plusMs = 0) => (BigInt(Date.parse(iso) + plusMs) * 1_000_000n).toString();
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const span = (traceId: string, spanId: string, name: string, start: string, ms: number, attributes: object[]) => ({
  traceId, spanId, name, kind: 3, startTimeUnixNano: nanos(start), endTimeUnixNano: nanos(start, ms), attributes,
});
const invoiceSpan = span('a'.repeat(32), '1'.repeat(16), 'post invoice', '2026-11-04T07:59:59.500Z', 400,
  [attr('integration.flow', 'p2p-invoice-sync'), attr('finance.document_id', 'INV-1'), attr('finance.entity', 'DE01')]);
const paymentSpan = span('b'.repeat(32), '2'.repeat(16), 'send payment file', '2026-11-06T08:59:00Z', 2000,
  [attr('integration.flow', 'treasury-bank'), attr('finance.document_id', 'PAY-1')]);
const otherEntitySpan = span('c'.repeat(32), '3'.repeat(16), 'post GB invoice', '2026-11-04T09:00:00Z', 100,
  [attr('finance.document_id', 'INV-1'), attr('finance.entity', 'GB01')]);

async function postSpans(spans: object[]) {
  const body = { resourceSpans: [{ resource: { attributes: [attr('service.name', 'mw')] }, scopeSpans: [{ spans }] }] };
  const res = await fetch(`${ingest.url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  await db.insertInto('entity_settings').values({ entity: 'DE01', name: 'Closewatch GmbH', time_zone: 'Europe/Berlin', functional_currency: 'EUR' }).execute();
  await ingest.post([...ledger].reverse());
  await ingest.post([ledger[1]]);
  await postSpans([invoiceSpan, paymentSpan, otherEntitySpan]);
  await postSpans([paymentSpan]);
  await ingest.drained();
  await runPaymentMatcher(ingest.clickhouse.ch, await loadFinanceSettings(db));
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());

const invoiceKey = { entity: 'DE01', documentType: 'supplier_invoice', documentId: 'INV-1' };

describe('a supplier invoice paid and booked at the bank', () => {
  it('describes the document in its entity time zone', async () => {
    const t = await api.timeline({ ...invoiceKey, asOf });
    expect(t.document).toEqual({
      entity: 'DE01', document_type: 'supplier_invoice', document_id: 'INV-1', stage: 'finance.invoice.scheduled',
      amount: '1190', currency: 'EUR', counterparty_id: 'SUP-1', counterparty_name: 'Müller GmbH', time_zone: 'Europe/Berlin',
    });
  });

  it('reaches the payment by correlation and the bank entry by the payment match', async () => {
    const t = await api.timeline({ ...invoiceKey, asOf });
    expect(t.related.map((r) => [r.document_type, r.document_id, r.stage, r.relation, r.rule, r.via.document_id, r.depth])).toEqual([
      ['payment', 'PAY-1', 'finance.payment.settled', 'correlation_child', '', 'INV-1', 1],
      ['bank_entry', 'BE-1', 'finance.bank_entry.booked', 'bank_match', 'exact_reference', 'PAY-1', 2],
    ]);
    expect(t.truncated).toEqual({ related: false, events: false, spans: false });
  });

  it('lists every event once, by business time, whatever the arrival order', async () => {
    const t = await api.timeline({ ...invoiceKey, asOf });
    expect(t.events.map((e) => [e.time, e.source, e.id, e.document_id])).toEqual([
      ['2026-11-02 09:00:00.000', 'ap/coupa-eu', 'INV-1.received', 'INV-1'],
      ['2026-11-03 10:30:00.250', 'ap/coupa-eu', 'INV-1.approved', 'INV-1'],
      ['2026-11-03 11:00:00.000', 'ap/coupa-eu', 'INV-1.approved-2', 'INV-1'],
      ['2026-11-04 08:00:00.000', 'erp/sap-de', 'INV-1.posted', 'INV-1'],
      ['2026-11-05 07:00:00.000', 'erp/sap-de', 'INV-1.scheduled', 'INV-1'],
      ['2026-11-06 08:00:00.000', 'treasury/kyriba', 'PAY-1.released', 'PAY-1'],
      ['2026-11-06 09:00:00.000', 'treasury/kyriba', 'PAY-1.sent', 'PAY-1'],
      ['2026-11-07 15:00:00.000', 'bank/db-de', 'PAY-1.settled', 'PAY-1'],
      ['2026-11-07 20:00:00.000', 'bank/db-de', 'BE-1.booked', 'BE-1'],
    ]);
    expect(t.events[8]).toMatchObject({ type: 'finance.bank_entry.booked', amount: '1190', currency: 'EUR', data: expect.objectContaining({ end_to_end_id: 'E2E-1' }) });
  });

  it('includes the spans of the documents once, not those of another entity', async () => {
    const t = await api.timeline({ ...invoiceKey, asOf });
    expect(t.spans.map((s) => [s.name, s.document_id, s.flow, s.start_time, s.duration_ms, s.service_name])).toEqual([
      ['post invoice', 'INV-1', 'p2p-invoice-sync', '2026-11-04 07:59:59.500000000', 400, 'mw'],
      ['send payment file', 'PAY-1', 'treasury-bank', '2026-11-06 08:59:00.000000000', 2000, 'mw'],
    ]);
  });

  it('measures the time in each stage to the millisecond, the current one up to asOf', async () => {
    const t = await api.timeline({ ...invoiceKey, asOf });
    expect(t.stages).toEqual([
      { stage: 'finance.invoice.received', entered_at: '2026-11-02 09:00:00.000', left_at: '2026-11-03 10:30:00.250', duration_ms: 91_800_250 },
      { stage: 'finance.invoice.approved', entered_at: '2026-11-03 10:30:00.250', left_at: '2026-11-04 08:00:00.000', duration_ms: 77_399_750 },
      { stage: 'finance.invoice.posted', entered_at: '2026-11-04 08:00:00.000', left_at: '2026-11-05 07:00:00.000', duration_ms: 82_800_000 },
      { stage: 'finance.invoice.scheduled', entered_at: '2026-11-05 07:00:00.000', left_at: null, duration_ms: 450_000_000 },
    ]);
  });

  it('shows only what was known as of an earlier moment', async () => {
    const t = await api.timeline({ ...invoiceKey, asOf: '2026-11-06T08:30:00Z' });
    expect(t.related.map((r) => [r.document_id, r.stage])).toEqual([['PAY-1', 'finance.payment.released']]);
    expect(t.events.map((e) => e.id)).toEqual(['INV-1.received', 'INV-1.approved', 'INV-1.approved-2', 'INV-1.posted', 'INV-1.scheduled', 'PAY-1.released']);
    expect(t.spans.map((s) => s.name)).toEqual(['post invoice']);
    expect(t.stages.at(-1)).toEqual({ stage: 'finance.invoice.scheduled', entered_at: '2026-11-05 07:00:00.000', left_at: null, duration_ms: 91_800_000 });
  });
});

describe('from the other ends', () => {
  it('reaches the payment and then the invoice from the bank entry', async () => {
    const t = await api.timeline({ entity: 'DE01', documentType: 'bank_entry', documentId: 'BE-1', asOf });
    expect(t.related.map((r) => [r.document_id, r.relation, r.via.document_id, r.depth])).toEqual([
      ['PAY-1', 'bank_match', 'BE-1', 1],
      ['INV-1', 'correlation_parent', 'PAY-1', 2],
    ]);
    expect(t.stages).toEqual([{ stage: 'finance.bank_entry.booked', entered_at: '2026-11-07 20:00:00.000', left_at: null, duration_ms: 230_400_000 }]);
    expect(t.events).toHaveLength(9);
  });

  it('reaches both neighbours of the payment in one hop', async () => {
    const t = await api.timeline({ entity: 'DE01', documentType: 'payment', documentId: 'PAY-1', asOf });
    expect(t.related.map((r) => [r.document_id, r.relation, r.depth])).toEqual([
      ['BE-1', 'bank_match', 1],
      ['INV-1', 'correlation_parent', 1],
    ]);
  });
});

describe('bounds', () => {
  it('cuts the event list at 500 and says so, while the stages still cover every event', async () => {
    // INV-BIG: 502 events one minute apart from 1 Nov 00:00Z, alternating approved / posted.
    const types = ['approved', 'posted'];
    const big = Array.from({ length: 502 }, (_, i) =>
      inv(`BIG-${i}`, types[i % 2]!, new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(), { document_id: 'INV-BIG' }));
    await ingest.post(big);
    await ingest.drained();
    const t = await api.timeline({ ...invoiceKey, documentId: 'INV-BIG', asOf });
    expect([t.events.length, t.truncated.events, t.events.at(-1)!.id]).toEqual([500, true, 'BIG-499']);
    expect(t.stages).toHaveLength(502);
    expect(t.stages[500]).toEqual({ stage: 'finance.invoice.approved', entered_at: '2026-11-01 08:20:00.000', left_at: '2026-11-01 08:21:00.000', duration_ms: 60_000 });
  });
});

describe('refusals', () => {
  it('answers NOT_FOUND with the document named for an unknown document', async () => {
    await expect(api.timeline({ entity: 'DE01', documentType: 'supplier_invoice', documentId: 'INV-404' })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: expect.stringContaining('supplier_invoice INV-404 of entity DE01'),
    });
    await expect(api.timeline({ ...invoiceKey, asOf: '2026-11-01T00:00:00Z' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('treats injection strings in every key as plain text', async () => {
    for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
      for (const key of [{ ...invoiceKey, documentId: hostile }, { ...invoiceKey, entity: hostile }, { ...invoiceKey, documentType: hostile }]) {
        await expect(api.timeline(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    expect((await api.timeline({ ...invoiceKey, asOf })).events).toHaveLength(9);
  });
});
