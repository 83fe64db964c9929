// Receivables misalignment "now" (no asOf): read from the kept receivables_state, with the
// documents that have an event dated after now recomputed from their events up to now. Every
// answer must equal the one recomputed from the events as of the same moment. "Now" is pinned
// to Tue 2026-11-10 12:00Z; DE01 has no settings (UTC, tolerance 0.01). EUR, ERP erp/sap-de,
// CRM crm/salesforce. The ledger is delivered with its events out of order, then again in full
// and again reversed.
//
//  CUS-1 Alpha: CI-1 1,000.00; RCPT-1 300.00 for CI-1 received 28 Oct, applied 29 Oct → open 700.00.
//               PTP-1 made 20 Oct 1,000.00 due 1 Nov; milestone 25 Oct → 600.00 due 20 Nov;
//               milestone dated 10 Nov 14:00Z (after now) → 700.00 due 25 Nov.
//               At 12:00Z: 300 received < 600, not due → misaligned 600 − 700 = −100.00.
//  CUS-2 Beta:  CI-2 2,000.00; PTP-2 made 15 Oct 2,000.00 due 2 Nov; RCPT-2 500.00 received 3 Nov,
//               applied 4 Nov; RCPT-2B 1,500.00 for CI-2 received 10 Nov 13:00Z, applied 13:30Z
//               (after now). At 12:00Z: broken 1,500.00 (8 days), misaligned 2,000 − 1,500 = 500.00.
//  CUS-3 Gamma: CI-3 300.00; RCPT-3 50.00 naming no invoice, received 21 Oct, applied 22 Oct;
//               PTP-3 made 20 Oct names no invoice, 100.00 due 5 Nov → counts every receipt since:
//               50 < 100 → broken 50.00 (5 days), compared with the whole balance 300 − 50 = 250.00
//               → misaligned 100 − 250 = −150.00.
// At 12:00Z (at risk desc): broken CUS-2 1,500; misaligned CUS-2 500; misaligned CUS-3 150;
//   misaligned CUS-1 100; broken CUS-3 50. Broken EUR 2 / committed 2,100 / at risk 1,550;
//   misaligned EUR 3 / 2,700 / 750.
// At 15:00Z: RCPT-2B counts → PTP-2 kept; CI-2 open 0; PTP-1 700 vs open 700 → aligned; CUS-3
//   unchanged: broken 100 / 50, misaligned 100 / 150.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { receivablesMetricsRouterEntries } from '../../server/metrics/receivables-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { buildKeptReceivables } from '../../server/receivables/kept-receivables.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(router(receivablesMetricsRouterEntries));
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const noon = '2026-11-10T12:00:00Z';
const afternoon = '2026-11-10T15:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const party = (n: string, name: string) => ({ counterparty_id: `CUS-${n}`, counterparty_name: name });
const invoice = (id: string, n: string, name: string, amount: string) =>
  ev('erp/sap-de', `${id}.issued`, 'finance.customer_invoice.issued', '2026-10-01T09:00:00Z',
    { document_type: 'customer_invoice', document_id: id, amount, ...party(n, name) });
const receipt = (id: string, n: string, name: string, amount: string, invoiceId: string, received: string, applied: string) => {
  const data = { document_type: 'receipt', document_id: id, amount, ...party(n, name), ...(invoiceId ? { correlation_id: invoiceId } : {}) };
  return [ev('erp/sap-de', `${id}.received`, 'finance.receipt.received', received, data),
    ev('erp/sap-de', `${id}.applied`, 'finance.receipt.applied', applied, data)];
};
const promise = (id: string, step: string, type: string, n: string, name: string, amount: string, promised: string, invoiceId: string, time: string) =>
  ev('crm/salesforce', `${id}.${step}`, `finance.collection.${type}`, time, {
    document_type: 'collection_commitment', document_id: id, amount, promised_date: promised,
    ...(invoiceId ? { correlation_id: invoiceId } : {}), ...party(n, name),
  });

const ledger = [
  promise('PTP-1', 'milestone-1', 'milestone', '1', 'Alpha Retail', '600.00', '2026-11-20', 'CI-1', '2026-10-25T09:00:00Z'),
  promise('PTP-1', 'milestone-2', 'milestone', '1', 'Alpha Retail', '700.00', '2026-11-25', 'CI-1', '2026-11-10T14:00:00Z'),
  ...receipt('RCPT-1', '1', 'Alpha Retail', '300.00', 'CI-1', '2026-10-28T10:00:00Z', '2026-10-29T10:00:00Z'),
  invoice('CI-1', '1', 'Alpha Retail', '1000.00'),
  promise('PTP-1', 'commitment', 'commitment', '1', 'Alpha Retail', '1000.00', '2026-11-01', 'CI-1', '2026-10-20T09:00:00Z'),
  ...receipt('RCPT-2B', '2', 'Beta Foods', '1500.00', 'CI-2', '2026-11-10T13:00:00Z', '2026-11-10T13:30:00Z'),
  ...receipt('RCPT-2', '2', 'Beta Foods', '500.00', 'CI-2', '2026-11-03T10:00:00Z', '2026-11-04T10:00:00Z'),
  promise('PTP-2', 'commitment', 'commitment', '2', 'Beta Foods', '2000.00', '2026-11-02', 'CI-2', '2026-10-15T09:00:00Z'),
  invoice('CI-2', '2', 'Beta Foods', '2000.00'),
  ...receipt('RCPT-3', '3', 'Gamma Tools', '50.00', '', '2026-10-21T10:00:00Z', '2026-10-22T10:00:00Z'),
  promise('PTP-3', 'commitment', 'commitment', '3', 'Gamma Tools', '100.00', '2026-11-05', '', '2026-10-20T09:00:00Z'),
  invoice('CI-3', '3', 'Gamma Tools', '300.00'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post(ledger);
  await ingest.post(ledger);
  await ingest.post([...ledger].reverse());
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

const at = (iso: string) => vi.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
type Input = Parameters<typeof api.receivablesMisalignment>[0];

/** The "now" answer at `moment`, after checking it equals the answer recomputed from the events. */
async function nowAgreeingWithEvents(moment: string, input: Input = {}) {
  at(moment);
  const now = await api.receivablesMisalignment(input);
  const fromEvents = await api.receivablesMisalignment({ ...input, asOf: moment });
  for (const part of ['totals', 'byEntity', 'byAging', 'documents', 'reporting'] as const) expect(now[part]).toEqual(fromEvents[part]);
  return now;
}

it('reads "now" from the kept state, leaving out events dated after now, as the events say', async () => {
  const result = await nowAgreeingWithEvents(noon);
  expect(result.totals).toEqual([
    { kind: 'broken_promise', currency: 'EUR', count: '2', committed: '2100', amount: '1550' },
    { kind: 'misaligned', currency: 'EUR', count: '3', committed: '2700', amount: '750' },
  ]);
  expect(result.documents.rows.map((r) => [r.kind, r.counterparty_id, r.open_receivables, r.committed, r.received, r.difference, r.days_overdue,
    r.invoice_ids, r.receipt_ids])).toEqual([
    ['broken_promise', 'CUS-2', '1500', '2000', '500', '1500', '8', ['CI-2'], ['RCPT-2']],
    ['misaligned', 'CUS-2', '1500', '2000', null, '500', null, ['CI-2'], []],
    ['misaligned', 'CUS-3', '250', '100', null, '-150', null, ['CI-3'], []],
    ['misaligned', 'CUS-1', '700', '600', null, '-100', null, ['CI-1'], []],
    ['broken_promise', 'CUS-3', '250', '100', '50', '50', '5', ['CI-3'], ['RCPT-3']],
  ]);
});

it('counts the later events once now has passed them', async () => {
  const result = await nowAgreeingWithEvents(afternoon);
  expect(result.documents.rows.map((r) => [r.kind, r.counterparty_id, r.difference])).toEqual([
    ['misaligned', 'CUS-3', '-150'],
    ['broken_promise', 'CUS-3', '50'],
  ]);
});

it('filters and pages the kept state as the events', async () => {
  expect((await nowAgreeingWithEvents(noon, { counterparty: 'Beta Foods' })).documents.rows).toHaveLength(2);
  expect((await nowAgreeingWithEvents(noon, { sourceSystem: 'crm/salesforce', kinds: ['broken_promise'] })).totals).toHaveLength(1);
  expect((await nowAgreeingWithEvents(noon, { entities: ['GB01'] })).totals).toEqual([]);
  const page = await nowAgreeingWithEvents(noon, { limit: 2, offset: 2, orderBy: 'committed', direction: 'desc' });
  expect(page.documents.rows.map((r) => [r.kind, r.counterparty_id])).toEqual([['misaligned', 'CUS-1'], ['misaligned', 'CUS-3']]);
  expect(page.documents.hasMore).toBe(true);
});

it('answers the same from a kept generation, the events after now read afresh', async () => {
  const built = await buildKeptReceivables(ingest.clickhouse.ch, { marginMs: 0 });
  // CI-1, CI-2, CI-3 and each customer's receipts and commitment naming no invoice ('' of CUS-3)
  expect(built.keys).toBe(4);
  const noonNow = await nowAgreeingWithEvents(noon);
  expect(noonNow.totals).toEqual([
    { kind: 'broken_promise', currency: 'EUR', count: '2', committed: '2100', amount: '1550' },
    { kind: 'misaligned', currency: 'EUR', count: '3', committed: '2700', amount: '750' },
  ]);
  expect((await nowAgreeingWithEvents(afternoon)).documents.rows.map((r) => [r.kind, r.counterparty_id, r.difference])).toEqual([
    ['misaligned', 'CUS-3', '-150'],
    ['broken_promise', 'CUS-3', '50'],
  ]);
  expect((await nowAgreeingWithEvents(noon, { counterparty: 'Beta Foods' })).documents.rows).toHaveLength(2);
  expect((await nowAgreeingWithEvents(noon, { entities: ['GB01'] })).totals).toEqual([]);
});
