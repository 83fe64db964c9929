// Server-side sorting of the documents behind a metric (orderBy + direction): pages read in
// a sort join up to the whole sorted list with no row twice, ties fall back to the default
// order, and an orderBy outside the procedure's fixed list is refused naming the field.
// Ledger (entity DE01, EUR, default settings: receipts applied within 2 days), evaluated as
// of Tue 2026-11-10 12:00Z. No payments, so nothing matches; bank entries are booked at
// 20:00Z on their value date (since = due = that moment):
//   BE-A CRDT   100.00  2 Nov      BE-B CRDT 2,500.00  3 Nov      BE-C CRDT 100.00  4 Nov
//   BE-D CRDT    75.50  5 Nov      BE-E CRDT 1,000.00  6 Nov      BE-F CRDT   9.99  6 Nov
//   RCPT-1 receipt 300.00 received 3 Nov 10:00Z, never applied → due 5 Nov 10:00Z (unapplied)
// Default order (due, kind, entity, document): A, B, C, RCPT-1 (due 5 Nov 10:00Z), D, E, F.
// amount desc: B 2500, E 1000, RCPT-1 300, A 100, C 100 (tie: A due first), D 75.5, F 9.99
// amount asc:  F, D, A, C (tie kept in default order), RCPT-1, E, B
//   (as text "100" < "1000" < "2500" < "300" < "75.5" < "9.99": a text sort would fail)
// since desc:  E, F (tie on 6 Nov 20:00: default order, E before F), D, C, B (3 Nov 20:00),
//   RCPT-1 (3 Nov 10:00), A
// counterparty asc (names): ACME RETAIL (RCPT-1), PAYER A … PAYER F → RCPT-1, A, B, C, D, E, F
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { paymentMetricsRouterEntries } from '../../server/metrics/payment-metrics-router-entries.ts';
import { receivablesMetricsRouterEntries } from '../../server/metrics/receivables-metrics-router-entries.ts';
import { unmatchedSortColumns } from '../../server/metrics/unmatched-payments.ts';
import { receivablesSortColumns } from '../../server/metrics/receivables-misalignment.ts';
import { duplicateSortColumns } from '../../server/metrics/duplicate-payment-risk.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(router({ ...paymentMetricsRouterEntries, ...receivablesMetricsRouterEntries }));
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const event = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const bankEntry = (id: string, amount: string, valueDate: string) =>
  event('bank/db-de', `${id}.booked`, 'finance.bank_entry.booked', `${valueDate}T20:00:00Z`,
    { document_type: 'bank_entry', document_id: id, amount, credit_debit: 'CRDT', value_date: valueDate, account: 'DE89370400440532013000', counterparty_name: `PAYER ${id.slice(3)}` });

const ledger = [
  bankEntry('BE-A', '100.00', '2026-11-02'),
  bankEntry('BE-B', '2500.00', '2026-11-03'),
  bankEntry('BE-C', '100.00', '2026-11-04'),
  bankEntry('BE-D', '75.50', '2026-11-05'),
  bankEntry('BE-E', '1000.00', '2026-11-06'),
  bankEntry('BE-F', '9.99', '2026-11-06'),
  event('erp/sap-de', 'RCPT-1.received', 'finance.receipt.received', '2026-11-03T10:00:00Z',
    { document_type: 'receipt', document_id: 'RCPT-1', amount: '300.00', counterparty_id: 'CUS-9', counterparty_name: 'ACME RETAIL', value_date: '2026-11-03' }),
];

type Sort = { orderBy?: (typeof unmatchedSortColumns)[number]; direction?: 'asc' | 'desc' };

/** Reads the list in pages of 4 and returns each page's document ids. */
async function pages(sort: Sort) {
  const first = await api.unmatchedPayments({ asOf, ...sort, limit: 4, offset: 0 });
  const second = await api.unmatchedPayments({ asOf, ...sort, limit: 4, offset: 4 });
  return {
    first: first.documents.rows.map((r) => r.document_id), firstHasMore: first.documents.hasMore,
    second: second.documents.rows.map((r) => r.document_id), secondHasMore: second.documents.hasMore,
  };
}

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post([...ledger].reverse());
  await ingest.post(ledger.slice(0, 3)); // duplicates change nothing
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

describe('unmatchedPayments sorted on the server', () => {
  it('keeps the default order (due first) without orderBy', async () => {
    const all = await api.unmatchedPayments({ asOf, limit: 50 });
    expect(all.documents.rows.map((r) => r.document_id)).toEqual(['BE-A', 'BE-B', 'BE-C', 'RCPT-1', 'BE-D', 'BE-E', 'BE-F']);
    expect(all.totals).toEqual([{ currency: 'EUR', documents: '7', amount: '4085.49' }]);
  });

  it('pages by amount, largest first, as numbers, ties in the default order', async () => {
    expect(await pages({ orderBy: 'amount', direction: 'desc' })).toEqual({
      first: ['BE-B', 'BE-E', 'RCPT-1', 'BE-A'], firstHasMore: true,
      second: ['BE-C', 'BE-D', 'BE-F'], secondHasMore: false,
    });
    const rows = (await api.unmatchedPayments({ asOf, orderBy: 'amount', direction: 'desc', limit: 2 })).documents.rows;
    expect(rows.map((r) => r.amount)).toEqual(['2500', '1000']);
  });

  it('pages by amount, smallest first', async () => {
    expect(await pages({ orderBy: 'amount', direction: 'asc' })).toEqual({
      first: ['BE-F', 'BE-D', 'BE-A', 'BE-C'], firstHasMore: true,
      second: ['RCPT-1', 'BE-E', 'BE-B'], secondHasMore: false,
    });
  });

  it('pages by waiting since, latest first, and by counterparty', async () => {
    expect(await pages({ orderBy: 'since', direction: 'desc' })).toEqual({
      first: ['BE-E', 'BE-F', 'BE-D', 'BE-C'], firstHasMore: true,
      second: ['BE-B', 'RCPT-1', 'BE-A'], secondHasMore: false,
    });
    const byName = await pages({ orderBy: 'counterparty', direction: 'asc' });
    expect([...byName.first, ...byName.second]).toEqual(['RCPT-1', 'BE-A', 'BE-B', 'BE-C', 'BE-D', 'BE-E', 'BE-F']);
  });

  it('defaults the direction to ascending', async () => {
    const rows = (await api.unmatchedPayments({ asOf, orderBy: 'amount', limit: 1 })).documents.rows;
    expect(rows.map((r) => r.document_id)).toEqual(['BE-F']);
  });

  it('refuses an orderBy outside the fixed list, naming the field', async () => {
    for (const orderBy of ['amount; DROP TABLE finance_events', "x' OR 1=1 --", 'sources']) {
      await expect(api.unmatchedPayments({ asOf, orderBy } as never)).rejects.toThrow(/orderBy/);
      await expect(api.receivablesMisalignment({ asOf, orderBy } as never)).rejects.toThrow(/orderBy/);
      await expect(api.duplicatePaymentRisk({ asOf, orderBy } as never)).rejects.toThrow(/orderBy/);
    }
    await expect(api.unmatchedPayments({ asOf, orderBy: 'amount', direction: 'sideways' } as never)).rejects.toThrow(/direction/);
  });

  it('treats injection strings in the filters as plain values', async () => {
    for (const bad of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
      const result = await api.unmatchedPayments({ asOf, counterparty: bad, orderBy: 'amount', direction: 'desc' });
      expect(result.documents.rows).toEqual([]);
      expect((await api.duplicatePaymentRisk({ asOf, counterparty: bad, orderBy: 'amount' })).documents.rows).toEqual([]);
      expect((await api.receivablesMisalignment({ asOf, counterparty: bad, orderBy: 'amount' })).documents.rows).toEqual([]);
    }
    expect((await api.unmatchedPayments({ asOf })).totals).toEqual([{ currency: 'EUR', documents: '7', amount: '4085.49' }]);
  });
});

describe('every sortable column of every procedure', () => {
  it('answers (the ledger has no pairs or commitments: those lists are empty)', async () => {
    const direction = (i: number) => (i % 2 === 0 ? 'asc' : 'desc');
    for (const [i, orderBy] of unmatchedSortColumns.entries()) {
      expect((await api.unmatchedPayments({ asOf, orderBy, direction: direction(i) })).documents.rows).toHaveLength(7);
    }
    for (const [i, orderBy] of receivablesSortColumns.entries()) expect((await api.receivablesMisalignment({ asOf, orderBy, direction: direction(i) })).documents.rows).toEqual([]);
    for (const [i, orderBy] of duplicateSortColumns.entries()) expect((await api.duplicatePaymentRisk({ asOf, orderBy, direction: direction(i) })).documents.rows).toEqual([]);
  }, 240_000);
});
