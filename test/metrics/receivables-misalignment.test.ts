// Receivables misalignment against a hand-worked ledger. Evaluated as of 2026-11-10 03:00Z:
// local date 10 Nov in DE01 (Europe/Berlin) and NL01 (Europe/Amsterdam), 9 Nov in US01
// (America/New_York, 22:00). Tolerance: default amountTolerance 0.01; NL01 materiality
// 100.00 is larger, so NL01's tolerance is 100.00. Invoices/receipts from the ERP, commitments
// (PTP-*) from crm/salesforce. EUR unless stated.
//
//  CUS-1 Alpha:   CI-1 1,000.00; RCPT-1 300.00 for CI-1 received 28 Oct, applied 29 Oct → open 700.00.
//                 PTP-1 made 20 Oct 1,000.00 due 1 Nov, revised by a milestone 25 Oct to 600.00
//                 due 20 Nov (the milestone is delivered first). Received since 20 Oct 300 < 600,
//                 not yet due → misaligned: 600.00 − 700.00 = −100.00 (at risk 100.00).
//  CUS-2 Beta:    CI-2 2,000.00; PTP-2 made 15 Oct 2,000.00 due 2 Nov; RCPT-2 500.00 received 3 Nov,
//                 applied 4 Nov → open 1,500.00. Broken: 2,000 − 500 = 1,500.00 short, 8 days
//                 overdue. Misaligned: 2,000.00 − 1,500.00 = 500.00.
//  CUS-3 Gamma:   CI-3 800.00; PTP-3 made 10 Oct 800.00 due 31 Oct; RCPT-3 800.00 received 2 Nov
//                 → kept (paid late but paid), open 0 → nothing.
//  CUS-4 Delta:   CI-4 400.00 paid by RCPT-4 on 5 Oct (applied 6 Oct) → open 0; PTP-4 made 12 Oct
//                 400.00 due 5 Nov: no receipt since the promise → broken 400.00, 5 days;
//                 misaligned 400.00 − 0 = 400.00.
//  CUS-5 Epsilon: CI-5 1,000.00; PTP-5 999.99 due 30 Nov → −0.01, a cent inside → nothing.
//  CUS-6 Zeta:    CI-6 1,000.00; PTP-6 999.98 due 30 Nov → −0.02, a cent outside → misaligned 0.02.
//  CUS-7 Eta NL01:   CI-7 5,000.00; PTP-7 4,900.00 → −100.00, within materiality → nothing.
//  CUS-8 Theta NL01: CI-8 5,000.00; PTP-8 4,899.99 → −100.01 → misaligned 100.01.
//  CUS-9 Iota US01 (USD): CI-9 750.00; PTP-9 750.00 due 9 Nov, unpaid: still 9 Nov in New York
//                 → not broken; aligned. As of 10 Nov 06:00Z (01:00 NY) → broken 750.00, 1 day.
//  CUS-10 Kappa:  CI-10a 300.00; CI-10b 200.00 written off 1 Nov; RCPT-10 50.00 naming no invoice,
//                 applied 21 Oct. PTP-10 names no invoice → compared with the whole balance
//                 300.00 + 0 − 50.00 = 250.00 vs 250.00 → aligned → nothing.
//
// Expected rows (at risk, descending): broken CUS-2 1,500.00; misaligned CUS-2 500.00; broken CUS-4
// 400.00; misaligned CUS-4 400.00; misaligned CUS-8 100.01; misaligned CUS-1 100.00; misaligned
// CUS-6 0.02.
// Totals: broken_promise EUR 2, committed 2,000 + 400 = 2,400.00, at risk 1,900.00;
//         misaligned EUR 5, committed 600 + 2,000 + 400 + 999.98 + 4,899.99 = 8,899.97,
//         at risk 100 + 500 + 400 + 0.02 + 100.01 = 1,100.03.
// By entity: misaligned DE01 4 / 3,999.98 / 1,000.02; NL01 1 / 4,899.99 / 100.01.
// By aging: 1–7 days 1 (400.00); 8–30 days 1 (1,500.00).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { receivablesMetricsRouterEntries } from '../../server/metrics/receivables-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { render } from '../../platform/clickhouse/sql-template.ts';
import { receivablesMisalignmentSql } from '../../sql/queries/receivables-misalignment.sql.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

const createCaller = createCallerFactory(router(receivablesMetricsRouterEntries));
let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T03:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const party = (n: string, name: string, extra: Data = {}) => ({ counterparty_id: `CUS-${n}`, counterparty_name: name, ...extra });
const erpOf = (extra: Data) => (extra.entity === 'NL01' ? 'erp/sap-nl' : extra.entity === 'US01' ? 'erp/sap-us' : 'erp/sap-de');
const invoice = (id: string, n: string, name: string, amount: string, extra: Data = {}) =>
  ev(erpOf(extra), `${id}.issued`, 'finance.customer_invoice.issued', '2026-10-01T09:00:00Z',
    { document_type: 'customer_invoice', document_id: id, amount, ...party(n, name, extra) });
const receipt = (id: string, n: string, name: string, amount: string, invoiceId: string, day: string, appliedDay: string) => {
  const data = { document_type: 'receipt', document_id: id, amount, ...party(n, name), ...(invoiceId ? { correlation_id: invoiceId } : {}) };
  return [ev('erp/sap-de', `${id}.received`, 'finance.receipt.received', `${day}T10:00:00Z`, data),
    ev('erp/sap-de', `${id}.applied`, 'finance.receipt.applied', `${appliedDay}T10:00:00Z`, data)];
};
const commitment = (id: string, n: string, name: string, amount: string, promised: string, invoiceId: string, day: string, extra: Data = {}) =>
  ev('crm/salesforce', `${id}.commitment`, 'finance.collection.commitment', `${day}T09:00:00Z`, {
    document_type: 'collection_commitment', document_id: id, amount, promised_date: promised,
    ...(invoiceId ? { correlation_id: invoiceId } : {}), ...party(n, name, extra),
  });

const ledger = [
  ev('crm/salesforce', 'PTP-1.milestone-1', 'finance.collection.milestone', '2026-10-25T09:00:00Z',
    { document_type: 'collection_commitment', document_id: 'PTP-1', amount: '600.00', promised_date: '2026-11-20', ...party('1', 'Alpha Retail') }),
  invoice('CI-1', '1', 'Alpha Retail', '1000.00'),
  commitment('PTP-1', '1', 'Alpha Retail', '1000.00', '2026-11-01', 'CI-1', '2026-10-20'),
  ...receipt('RCPT-1', '1', 'Alpha Retail', '300.00', 'CI-1', '2026-10-28', '2026-10-29'),
  invoice('CI-2', '2', 'Beta Foods', '2000.00'),
  commitment('PTP-2', '2', 'Beta Foods', '2000.00', '2026-11-02', 'CI-2', '2026-10-15'),
  ...receipt('RCPT-2', '2', 'Beta Foods', '500.00', 'CI-2', '2026-11-03', '2026-11-04'),
  invoice('CI-3', '3', 'Gamma Tools', '800.00'),
  commitment('PTP-3', '3', 'Gamma Tools', '800.00', '2026-10-31', 'CI-3', '2026-10-10'),
  ...receipt('RCPT-3', '3', 'Gamma Tools', '800.00', 'CI-3', '2026-11-02', '2026-11-03'),
  invoice('CI-4', '4', 'Delta Ltd', '400.00'),
  ...receipt('RCPT-4', '4', 'Delta Ltd', '400.00', 'CI-4', '2026-10-05', '2026-10-06'),
  commitment('PTP-4', '4', 'Delta Ltd', '400.00', '2026-11-05', 'CI-4', '2026-10-12'),
  invoice('CI-5', '5', 'Epsilon SA', '1000.00'),
  commitment('PTP-5', '5', 'Epsilon SA', '999.99', '2026-11-30', 'CI-5', '2026-10-20'),
  invoice('CI-6', '6', 'Zeta GmbH', '1000.00'),
  commitment('PTP-6', '6', 'Zeta GmbH', '999.98', '2026-11-30', 'CI-6', '2026-10-20'),
  invoice('CI-7', '7', 'Eta BV', '5000.00', { entity: 'NL01' }),
  commitment('PTP-7', '7', 'Eta BV', '4900.00', '2026-11-30', 'CI-7', '2026-10-20', { entity: 'NL01' }),
  invoice('CI-8', '8', 'Theta BV', '5000.00', { entity: 'NL01' }),
  commitment('PTP-8', '8', 'Theta BV', '4899.99', '2026-11-30', 'CI-8', '2026-10-20', { entity: 'NL01' }),
  invoice('CI-9', '9', 'Iota Inc', '750.00', { entity: 'US01', currency: 'USD' }),
  commitment('PTP-9', '9', 'Iota Inc', '750.00', '2026-11-09', 'CI-9', '2026-10-20', { entity: 'US01', currency: 'USD' }),
  invoice('CI-10a', '10', 'Kappa AG', '300.00'),
  invoice('CI-10b', '10', 'Kappa AG', '200.00'),
  ev('erp/sap-de', 'CI-10b.written_off', 'finance.customer_invoice.written_off', '2026-11-01T09:00:00Z',
    { document_type: 'customer_invoice', document_id: 'CI-10b', reason_code: 'BAD_DEBT', ...party('10', 'Kappa AG') }),
  ...receipt('RCPT-10', '10', 'Kappa AG', '50.00', '', '2026-10-20', '2026-10-21'),
  commitment('PTP-10', '10', 'Kappa AG', '250.00', '2026-11-30', '', '2026-10-25'),
];

const expectedTotals = [
  { kind: 'broken_promise', currency: 'EUR', count: '2', committed: '2400', amount: '1900' },
  { kind: 'misaligned', currency: 'EUR', count: '5', committed: '8899.97', amount: '1100.03' },
];

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  await db.insertInto('entity_settings').values([
    { entity: 'DE01', name: 'Closewatch GmbH', time_zone: 'Europe/Berlin', functional_currency: 'EUR' },
    { entity: 'NL01', name: 'Closewatch BV', time_zone: 'Europe/Amsterdam', functional_currency: 'EUR', materiality: '100.00' },
    { entity: 'US01', name: 'Closewatch Inc', time_zone: 'America/New_York', functional_currency: 'USD' },
  ]).execute();
  await ingest.post(ledger);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());

it('totals misaligned customers and broken promises per kind and currency, to the cent', async () => {
  const result = await api.receivablesMisalignment({ asOf });
  expect(result.totals).toEqual(expectedTotals);
  expect(result.byEntity).toEqual([
    { kind: 'broken_promise', entity: 'DE01', currency: 'EUR', count: '2', committed: '2400', amount: '1900' },
    { kind: 'misaligned', entity: 'DE01', currency: 'EUR', count: '4', committed: '3999.98', amount: '1000.02' },
    { kind: 'misaligned', entity: 'NL01', currency: 'EUR', count: '1', committed: '4899.99', amount: '100.01' },
  ]);
  expect(result.byAging).toEqual([
    { bucket: '1–7 days', currency: 'EUR', count: '1', committed: '400', amount: '400' },
    { bucket: '8–30 days', currency: 'EUR', count: '1', committed: '2000', amount: '1500' },
  ]);
});

it('lists the findings with open receivables, commitment, difference and documents', async () => {
  const { documents } = await api.receivablesMisalignment({ asOf });
  expect(documents.rows.map((r) => [r.kind, r.counterparty_id, r.open_receivables, r.committed, r.received, r.difference, r.promised_date, r.days_overdue]))
    .toEqual([
      ['broken_promise', 'CUS-2', '1500', '2000', '500', '1500', '2026-11-02', '8'],
      ['misaligned', 'CUS-2', '1500', '2000', null, '500', '2026-11-02', null],
      ['broken_promise', 'CUS-4', '0', '400', '0', '400', '2026-11-05', '5'],
      ['misaligned', 'CUS-4', '0', '400', null, '400', '2026-11-05', null],
      ['misaligned', 'CUS-8', '5000', '4899.99', null, '-100.01', '2026-11-30', null],
      ['misaligned', 'CUS-1', '700', '600', null, '-100', '2026-11-20', null],
      ['misaligned', 'CUS-6', '1000', '999.98', null, '-0.02', '2026-11-30', null],
    ]);
  expect(documents.rows[0]).toMatchObject({
    entity: 'DE01', counterparty_name: 'Beta Foods', currency: 'EUR',
    commitment_ids: ['PTP-2'], invoice_ids: ['CI-2'], receipt_ids: ['RCPT-2'],
  });
  expect(documents.rows[2]!.receipt_ids).toEqual([]);
  expect(documents.hasMore).toBe(false);
});

it('judges a promised date in the entity time zone', async () => {
  const late = await api.receivablesMisalignment({ asOf: '2026-11-10T06:00:00Z', entities: ['US01'] });
  expect(late.documents.rows.map((r) => [r.kind, r.counterparty_id, r.difference, r.days_overdue])).toEqual([['broken_promise', 'CUS-9', '750', '1']]);
  expect(late.totals).toEqual([{ kind: 'broken_promise', currency: 'USD', count: '1', committed: '750', amount: '750' }]);
  expect((await api.receivablesMisalignment({ asOf, entities: ['US01'] })).totals).toEqual([]);
  // Every entity at 06:00Z: buckets in order, currencies within a bucket.
  expect((await api.receivablesMisalignment({ asOf: '2026-11-10T06:00:00Z' })).byAging).toEqual([
    { bucket: '1–7 days', currency: 'EUR', count: '1', committed: '400', amount: '400' },
    { bucket: '1–7 days', currency: 'USD', count: '1', committed: '750', amount: '750' },
    { bucket: '8–30 days', currency: 'EUR', count: '1', committed: '2000', amount: '1500' },
  ]);
});

it('reads the commitment as it stood before its revision', async () => {
  // 22 Oct: PTP-1 is 1,000.00 due 1 Nov, CI-1 open 1,000.00 (no receipt yet) → aligned.
  // 2 Nov: the milestone (25 Oct) made it 600.00; open 700.00 → misaligned −100.00.
  expect((await api.receivablesMisalignment({ asOf: '2026-10-22T00:00:00Z', counterparty: 'CUS-1' })).documents.rows).toEqual([]);
  const after = await api.receivablesMisalignment({ asOf: '2026-11-02T00:00:00Z', counterparty: 'CUS-1' });
  expect(after.documents.rows.map((r) => [r.kind, r.committed, r.open_receivables, r.promised_date])).toEqual([['misaligned', '600', '700', '2026-11-20']]);
});

it('does not change when every event is delivered again in another order', async () => {
  await ingest.post([...ledger].reverse());
  await ingest.post(ledger.slice(0, 10));
  await ingest.drained();
  const result = await api.receivablesMisalignment({ asOf });
  expect(result.totals).toEqual(expectedTotals);
  expect(result.documents.rows).toHaveLength(7);
});

it('filters by entity, counterparty, source system and kind, and pages', async () => {
  expect((await api.receivablesMisalignment({ asOf, entities: ['NL01'] })).documents.rows.map((r) => r.counterparty_id)).toEqual(['CUS-8']);
  expect((await api.receivablesMisalignment({ asOf, counterparty: 'Beta Foods' })).documents.rows.map((r) => r.kind)).toEqual(['broken_promise', 'misaligned']);
  expect((await api.receivablesMisalignment({ asOf, sourceSystem: 'erp/sap-nl' })).documents.rows.map((r) => r.counterparty_id)).toEqual(['CUS-8']);
  expect((await api.receivablesMisalignment({ asOf, kinds: ['broken_promise'] })).totals).toEqual([expectedTotals[0]]);
  expect((await api.receivablesMisalignment({ asOf, currencies: ['USD'] })).totals).toEqual([]);
  const page = await api.receivablesMisalignment({ asOf, limit: 2, offset: 1 });
  expect(page.documents.rows.map((r) => [r.kind, r.counterparty_id])).toEqual([['misaligned', 'CUS-2'], ['broken_promise', 'CUS-4']]);
  expect(page.documents.hasMore).toBe(true);
});

it('treats injection strings in every filter as plain values', async () => {
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    for (const input of [{ entities: [hostile] }, { counterparty: hostile }, { sourceSystem: hostile }]) {
      const result = await api.receivablesMisalignment({ asOf, ...input });
      expect(result.totals).toEqual([]);
      expect(result.documents.rows).toEqual([]);
    }
    await expect(api.receivablesMisalignment({ asOf, currencies: [hostile] })).rejects.toThrow(/ISO 4217/);
    await expect(api.receivablesMisalignment({ asOf, kinds: [hostile as 'misaligned'] })).rejects.toThrow();
  }
  expect((await api.receivablesMisalignment({ asOf })).totals).toEqual(expectedTotals);
});

it('sends every filter value as a typed parameter, never in the SQL text', () => {
  const hostile = "x' OR 1=1 --";
  const sql = render(receivablesMisalignmentSql({
    scope: { now: '2026-11-10 03:00:00.000', entities: [hostile] },
    settings: { entities: [hostile], today: ['2026-11-10'], amountTolerance: ['0.01'], materiality: ['0'], fallback: { today: '2026-11-10', amountTolerance: '0.01', materiality: '0' } },
    currencies: [hostile],
    counterparty: hostile,
    sourceSystem: hostile,
  }));
  expect(sql.query).not.toContain(hostile);
  expect(Object.values(sql.query_params)).toContainEqual([hostile]);
  expect(Object.values(sql.query_params)).toContain(hostile);
});
