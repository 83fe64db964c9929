// The lookup tables behind the timeline (migration 0011) and the paths that read them:
//   - the migration's backfill writes what the views write, so a database upgraded with
//     history answers like one that had the views from the start;
//   - a hub document (more links than a timeline shows) gives the same answer whether read by
//     plain reads or by the bounded statements;
//   - a correlation parent of the last hop that exists but has no event yet (as of asOf) is
//     not listed, yet the spans naming it are shown, as for any related document;
//   - one document's current state from its event rows is what document_state says.
// Hub: INV-HUB (DE01) with 60 payments PAY-HUB-00 … PAY-HUB-59 naming it as correlation_id.
// Chain: message bank-status/MSG-9 (correlation_id PAY-9) → PAY-9 (correlation_id INV-9) →
//   INV-9, received only on 3 Dec; a span names INV-9 on 2 Dec 12:00Z.
// Matched: PAY-M (correlation_id INV-M) and bank entry BE-M paired by end-to-end id E2E-M.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseSqlDir } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { renderDdl } from '../../platform/clickhouse/schema/render-ddl.ts';
import { documentsRouter } from '../../server/documents/documents.router.ts';
import { readLimits } from '../../server/documents/timeline-reads.ts';
import { runPaymentMatcher } from '../../server/matching/payment-matcher.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(documentsRouter);
let api: ReturnType<typeof createCaller>;

const ev = (source: string, id: string, type: string, time: string, data: Record<string, unknown>) => ({
  specversion: '1.0', id, source, type, time, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const hubPayments = Array.from({ length: 60 }, (_, i) => `PAY-HUB-${String(i).padStart(2, '0')}`);
const events = [
  ev('ap/coupa-eu', 'INV-HUB.received', 'finance.invoice.received', '2026-11-02T09:00:00Z', { document_type: 'supplier_invoice', document_id: 'INV-HUB', amount: '6000.00', counterparty_id: 'SUP-H' }),
  ...hubPayments.map((id, i) => ev('treasury/kyriba', `${id}.released`, 'finance.payment.released', `2026-11-03T09:${String(i).padStart(2, '0')}:00Z`,
    { document_type: 'payment', document_id: id, correlation_id: 'INV-HUB', amount: '100.00' })),
  ev('mw/bank-status', 'MSG-9.delivered', 'integration.message.delivered', '2026-12-01T09:00:00Z', { flow: 'bank-status', message_id: 'MSG-9', correlation_id: 'PAY-9' }),
  ev('treasury/kyriba', 'PAY-9.released', 'finance.payment.released', '2026-12-01T08:00:00Z', { document_type: 'payment', document_id: 'PAY-9', correlation_id: 'INV-9', amount: '9.00' }),
  ev('ap/coupa-eu', 'INV-9.received', 'finance.invoice.received', '2026-12-03T10:00:00Z', { document_type: 'supplier_invoice', document_id: 'INV-9', amount: '9.00', counterparty_id: 'SUP-9' }),
  ev('ap/coupa-eu', 'INV-M.received', 'finance.invoice.received', '2026-11-05T09:00:00Z', { document_type: 'supplier_invoice', document_id: 'INV-M', amount: '70.00', counterparty_id: 'SUP-M' }),
  ev('treasury/kyriba', 'PAY-M.released', 'finance.payment.released', '2026-11-06T08:00:00Z',
    { document_type: 'payment', document_id: 'PAY-M', correlation_id: 'INV-M', end_to_end_id: 'E2E-M', amount: '70.00', counterparty_id: 'SUP-M', value_date: '2026-11-07' }),
  ev('bank/db-de', 'BE-M.booked', 'finance.bank_entry.booked', '2026-11-07T20:00:00Z',
    { document_type: 'bank_entry', document_id: 'BE-M', amount: '70.00', credit_debit: 'DBIT', value_date: '2026-11-07', account: 'DE89370400440532013000', end_to_end_id: 'E2E-M' }),
];

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const nanos = (iso: string, plusMs = 0) => (BigInt(Date.parse(iso) + plusMs) * 1_000_000n).toString();
const invoiceSpan = {
  traceId: 'd'.repeat(32), spanId: '4'.repeat(16), name: 'match invoice', kind: 3,
  startTimeUnixNano: nanos('2026-12-02T12:00:00Z'), endTimeUnixNano: nanos('2026-12-02T12:00:00Z', 250),
  attributes: [attr('integration.flow', 'p2p-invoice-sync'), attr('finance.document_id', 'INV-9')],
};

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  expect((await ingest.post(events)).status).toBe(200);
  const body = { resourceSpans: [{ resource: { attributes: [attr('service.name', 'mw')] }, scopeSpans: [{ spans: [invoiceSpan] }] }] };
  const res = await fetch(`${ingest.url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` } });
  expect(res.status).toBe(200);
  await ingest.drained();
  await runPaymentMatcher(ingest.clickhouse.ch, await loadFinanceSettings(db));
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());

const key = (documentType: string, documentId: string, asOf?: string) => ({ entity: 'DE01', documentType, documentId, ...(asOf ? { asOf } : {}) });
const asOf = '2026-12-31T00:00:00Z';
const questions = [
  key('supplier_invoice', 'INV-HUB', asOf), key('payment', 'PAY-HUB-07', asOf), key('integration_message', 'bank-status/MSG-9', asOf),
  key('integration_message', 'bank-status/MSG-9', '2026-12-02T18:00:00Z'), key('bank_entry', 'BE-M', asOf), key('supplier_invoice', 'INV-M', asOf),
];
const answers = () => Promise.all(questions.map((q) => api.timeline(q)));

/** With every plain read over its limit, so the bounded statements answer. */
async function bounded<T>(f: () => Promise<T>): Promise<T> {
  const saved = { ...readLimits };
  Object.assign(readLimits, { plainRows: 1, namedRows: 1 });
  try {
    return await f();
  } finally {
    Object.assign(readLimits, saved);
  }
}

describe('a hub document', () => {
  it('lists its first 50 related documents and says more were left out', async () => {
    const t = await api.timeline(key('supplier_invoice', 'INV-HUB', asOf));
    expect(t.related.map((r) => r.document_id)).toEqual(hubPayments.slice(0, 50));
    expect(t.related.every((r) => r.relation === 'correlation_child' && r.via.document_id === 'INV-HUB' && r.depth === 1)).toBe(true);
    expect(t.truncated.related).toBe(true);
  });

  it('from one of its payments: the hub at one hop, then its other payments up to the bound', async () => {
    const t = await api.timeline(key('payment', 'PAY-HUB-07', asOf));
    expect(t.related.map((r) => [r.document_id, r.relation, r.depth])).toEqual([
      ['INV-HUB', 'correlation_parent', 1],
      ...hubPayments.filter((id) => id !== 'PAY-HUB-07').slice(0, 49).map((id) => [id, 'correlation_child', 2]),
    ]);
    expect(t.truncated.related).toBe(true);
  });

  it('gives the same answers from the bounded statements as from plain reads', async () => {
    expect(await bounded(answers)).toEqual(await answers());
  });
});

describe('a correlation parent without events yet', () => {
  it('is not listed, but the spans naming it are', async () => {
    const t = await api.timeline(key('integration_message', 'bank-status/MSG-9', '2026-12-02T18:00:00Z'));
    expect(t.related.map((r) => [r.document_id, r.relation, r.depth])).toEqual([['PAY-9', 'correlation_parent', 1]]);
    expect(t.spans.map((s) => [s.name, s.document_id])).toEqual([['match invoice', 'INV-9']]);
  });

  it('is listed once it has an event', async () => {
    const t = await api.timeline(key('integration_message', 'bank-status/MSG-9', asOf));
    expect(t.related.map((r) => [r.document_id, r.relation, r.via.document_id, r.depth])).toEqual([
      ['PAY-9', 'correlation_parent', 'bank-status/MSG-9', 1],
      ['INV-9', 'correlation_parent', 'PAY-9', 2],
    ]);
  });
});

describe('the current state of one document', () => {
  const documents = [['supplier_invoice', 'INV-M'], ['payment', 'PAY-M'], ['bank_entry', 'BE-M'], ['payment', 'PAY-HUB-59']] as const;
  const states = () =>
    Promise.all(documents.map(async ([documentType, documentId]) => {
      const state = await api.state({ entity: 'DE01', documentType, documentId });
      return state && { ...state, sources: state.sources.sort() };
    }));

  it('is what the document list says, from the event rows or from document_state alike', async () => {
    const listed = await Promise.all(documents.map(async ([documentType, documentId]) => {
      const [row] = (await api.list({ entity: 'DE01', documentType, limit: 500 })).rows.filter((r) => r.document_id === documentId);
      return row && { ...row, sources: row.sources.sort() };
    }));
    expect(await states()).toEqual(listed);
    expect(await bounded(states)).toEqual(listed);
    expect(await api.state({ entity: 'DE01', documentType: 'payment', documentId: 'PAY-404' })).toBeNull();
  });
});

describe('the migration on a database with history', () => {
  it('backfills the lookup tables with what the views write', async () => {
    const before = await answers();
    const ch = ingest.clickhouse.ch;
    for (const table of ['document_events', 'document_links', 'document_spans']) await ch.command({ query: `TRUNCATE TABLE ${table}` });
    await expect(api.timeline(key('bank_entry', 'BE-M', asOf))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const template = await readFile(`${clickhouseSqlDir}0011_document_lookup.sql`, 'utf8');
    for (const statement of renderDdl(template, {}).filter((s) => s.startsWith('INSERT'))) await ch.command({ query: statement });
    expect(await answers()).toEqual(before);
  });
});
