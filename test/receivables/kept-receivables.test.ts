// Receivables misalignment "now" from a kept generation (server/receivables/): the answer after
// changes since the generation must be the one recomputed from the events, and it must come
// from the generation (the statements read receivable_keys) once one exists. "Now" is pinned
// to Tue 2026-11-10 12:00Z (local date 10 Nov in DE01); default settings (tolerance 0.01).
// DE01, EUR; invoices issued 1 Oct; receipts from erp/sap-de, commitments from crm/salesforce.
//
// Kept (before the generation is built):
//   CUS-1  CI-1 1,000.00; PTP-1 made 20 Oct 1,000.00 due 1 Nov naming CI-1; RCPT-1 400.00 for
//          CI-1 received 28 Oct, applied 29 Oct → open 600.00, received 400.00:
//          broken 600.00 (9 days); misaligned 1,000.00 − 600.00 = 400.00.
//   CUS-2  CI-2 500.00; PTP-2 made 15 Oct 500.00 due 20 Nov → aligned, not due → nothing.
//   CUS-3  CI-3 300.00; PTP-3 made 10 Oct 300.00 due 30 Oct, no receipt → broken 300.00
//          (11 days); 300.00 against open 300.00 → aligned.
//   CUS-9  RCPT-9 200.00 naming CI-1, received 2 Nov, applied — filed under the wrong customer.
//   → broken EUR 2, committed 1,300.00, at risk 900.00; misaligned EUR 1, 1,000.00, 400.00.
// Arriving after it:
//   RCPT-3 300.00 for CI-3 received 5 Nov, applied 6 Nov → PTP-3 kept, CI-3 open 0 → nothing.
//   PTP-2 milestone 8 Nov: 450.00 → misaligned 450.00 − 500.00 = −50.00 (at risk 50.00).
//   RCPT-9 corrected to CUS-1 (an event of 7 Nov): counted toward PTP-1 (received since
//          20 Oct) → received 600.00, open 400.00: broken 400.00; misaligned 600.00.
//   RCPT-10 500.00 for CI-2 dated 10 Nov 13:00Z, after now → not yet counted.
//   → broken EUR 1, committed 1,000.00, at risk 400.00; misaligned EUR 2, 1,450.00, 650.00.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { numberedPartitions } from '../../platform/clickhouse/numbered-partitions.ts';
import { receivablesMisalignment } from '../../server/metrics/receivables-misalignment.ts';
import { buildKeptReceivables, keptReceivablesDue } from '../../server/receivables/kept-receivables.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';
import { recordedStatements } from '../support/recorded-statements.ts';

let ingest: TestIngest;
let settings: FinanceSettings;
const noon = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const party = (n: string) => ({ counterparty_id: `CUS-${n}`, counterparty_name: `Customer ${n}` });
const invoice = (id: string, n: string, amount: string) =>
  ev('erp/sap-de', `${id}.issued`, 'finance.customer_invoice.issued', '2026-10-01T09:00:00Z',
    { document_type: 'customer_invoice', document_id: id, amount, ...party(n) });
const receiptEvent = (type: 'received' | 'applied', id: string, n: string, amount: string, invoiceId: string, time: string) =>
  ev('erp/sap-de', `${id}.${type}.${n}`, `finance.receipt.${type}`, time,
    { document_type: 'receipt', document_id: id, amount, correlation_id: invoiceId, ...party(n) });
const receipt = (id: string, n: string, amount: string, invoiceId: string, day: string, appliedDay: string) => [
  receiptEvent('received', id, n, amount, invoiceId, `${day}T10:00:00Z`),
  receiptEvent('applied', id, n, amount, invoiceId, `${appliedDay}T10:00:00Z`),
];
const commitment = (id: string, n: string, amount: string, promised: string, invoiceId: string, time: string, type = 'commitment') =>
  ev('crm/salesforce', `${id}.${type}.${time}`, `finance.collection.${type}`, time, {
    document_type: 'collection_commitment', document_id: id, amount, promised_date: promised, correlation_id: invoiceId, ...party(n),
  });

const kept = [
  invoice('CI-1', '1', '1000.00'),
  commitment('PTP-1', '1', '1000.00', '2026-11-01', 'CI-1', '2026-10-20T09:00:00Z'),
  ...receipt('RCPT-1', '1', '400.00', 'CI-1', '2026-10-28', '2026-10-29'),
  invoice('CI-2', '2', '500.00'),
  commitment('PTP-2', '2', '500.00', '2026-11-20', 'CI-2', '2026-10-15T09:00:00Z'),
  invoice('CI-3', '3', '300.00'),
  commitment('PTP-3', '3', '300.00', '2026-10-30', 'CI-3', '2026-10-10T09:00:00Z'),
  ...receipt('RCPT-9', '9', '200.00', 'CI-1', '2026-11-02', '2026-11-02'),
];
const later = [
  ...receipt('RCPT-3', '3', '300.00', 'CI-3', '2026-11-05', '2026-11-06'),
  commitment('PTP-2', '2', '450.00', '2026-11-20', 'CI-2', '2026-11-08T09:00:00Z', 'milestone'),
  receiptEvent('applied', 'RCPT-9', '1', '200.00', 'CI-1', '2026-11-07T10:00:00Z'),
  receiptEvent('received', 'RCPT-10', '2', '500.00', 'CI-2', '2026-11-10T13:00:00Z'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  settings = await loadFinanceSettings(ingest.postgres.db);
  await ingest.post(kept);
  await ingest.drained();
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

/** The answer now at noon, after checking it equals the one recomputed from the events; and what it read. */
async function nowAtNoon() {
  vi.spyOn(Date, 'now').mockReturnValue(Date.parse(noon));
  const { ch, statements } = recordedStatements(ingest.clickhouse.ch);
  const now = await receivablesMisalignment(ch, settings, { limit: 50, offset: 0 });
  const fromEvents = await receivablesMisalignment(ingest.clickhouse.ch, settings, { limit: 50, offset: 0, asOf: noon });
  expect(now).toEqual(fromEvents);
  const fromKept = statements.some((q) => /FROM receivable_keys\b/.test(q));
  return { result: now, fromKept };
}

const findings = (r: Awaited<ReturnType<typeof receivablesMisalignment>>) =>
  r.documents.rows.map((x) => `${x.kind} ${x.counterparty_id} ${x.difference}${x.days_overdue === null ? '' : ` ${x.days_overdue}d`} [${x.receipt_ids.join(' ')}]`);

it('answers from the kept generation what the events say, and groups again only the invoices that changed since', async () => {
  const before = await nowAtNoon();
  expect(before.fromKept).toBe(false); // no generation yet
  expect(before.result.totals).toEqual([
    { kind: 'broken_promise', currency: 'EUR', count: '2', committed: '1300', amount: '900' },
    { kind: 'misaligned', currency: 'EUR', count: '1', committed: '1000', amount: '400' },
  ]);

  expect(await keptReceivablesDue(ingest.clickhouse.ch)).toBe(true);
  const built = await buildKeptReceivables(ingest.clickhouse.ch, { marginMs: 0 });
  // 8 documents; keys: CI-1, CI-2, CI-3 of their customers and CI-1 of CUS-9
  expect([built.documents, built.keys]).toEqual([8, 4]);
  expect(await keptReceivablesDue(ingest.clickhouse.ch)).toBe(false);
  const unchanged = await nowAtNoon();
  expect(unchanged.fromKept).toBe(true);
  expect(unchanged.result).toEqual(before.result);

  await ingest.post(later);
  await ingest.drained();
  expect(await keptReceivablesDue(ingest.clickhouse.ch)).toBe(true);
  const after = await nowAtNoon();
  expect(after.fromKept).toBe(true);
  expect(after.result.totals).toEqual([
    { kind: 'broken_promise', currency: 'EUR', count: '1', committed: '1000', amount: '400' },
    { kind: 'misaligned', currency: 'EUR', count: '2', committed: '1450', amount: '650' },
  ]);
  expect(findings(after.result)).toEqual([
    'misaligned CUS-1 600 []',
    'broken_promise CUS-1 400 9d [RCPT-1 RCPT-9]',
    'misaligned CUS-2 -50 []',
  ]);

  // a new generation holds the changes; the previous one is dropped once no read can use it
  const next = await buildKeptReceivables(ingest.clickhouse.ch, { marginMs: 0, keepMs: 0 });
  // RCPT-3 and RCPT-10 are new (RCPT-10 kept as stored: a read before 13:00Z leaves it out); RCPT-9 moved to CUS-1's CI-1
  expect([next.documents, next.keys]).toEqual([10, 3]);
  expect(await numberedPartitions(ingest.clickhouse.ch, 'receivable_keys')).toEqual([next.generation]);
  const rebuilt = await nowAtNoon();
  expect(rebuilt.fromKept).toBe(true);
  expect(rebuilt.result).toEqual(after.result);
});
