// "NOTPROVIDED" is how ISO 20022 writes an absent end-to-end id or reference: it is not a key
// that an entry and a document share. DE01, EUR, customer receipts (CRDT), all with
// end-to-end id NOTPROVIDED:
//   BE-N1 250.00 "SOMEONE ELSE", no remittance ↔ RCPT-N1 250.00 Omega Ltd: same amount, but
//     nothing links them (other counterparty) → unmatched, and no partial row either.
//   BE-N2 80.00 remittance "invoice CINV-N2" ↔ RCPT-N2 80.00 Sigma plc, invoice CINV-N2 →
//     matched by the invoice number in the remittance, not by the placeholder with RCPT-N1.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPaymentMatcher } from '../../server/matching/payment-matcher.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
beforeAll(async () => {
  ingest = await startTestIngest();
});
afterAll(() => ingest?.close());

type Data = Record<string, string>;
const event = (id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source: 'test/absent-references', type, time, data: { entity: 'DE01', currency: 'EUR', end_to_end_id: 'NOTPROVIDED', ...data },
});
const receipt = (id: string, amount: string, name: string, invoice: string) =>
  event(`${id}.received`, 'finance.receipt.received', '2026-11-04T10:00:00Z',
    { document_type: 'receipt', document_id: id, amount, counterparty_name: name, correlation_id: invoice, value_date: '2026-11-04' });
const bankEntry = (id: string, amount: string, name: string, remittance: string) =>
  event(`${id}.booked`, 'finance.bank_entry.booked', '2026-11-04T20:00:00Z',
    { document_type: 'bank_entry', document_id: id, amount, credit_debit: 'CRDT', value_date: '2026-11-04', account: 'DE89370400440532013000', counterparty_name: name, remittance });

it('does not take NOTPROVIDED for a shared end-to-end id', async () => {
  await ingest.post([
    receipt('RCPT-N1', '250.00', 'Omega Ltd', 'CINV-N1'), bankEntry('BE-N1', '250.00', 'SOMEONE ELSE', ''),
    receipt('RCPT-N2', '80.00', 'Sigma plc', 'CINV-N2'), bankEntry('BE-N2', '80.00', 'SIGMA PLC', 'invoice CINV-N2'),
  ]);
  await ingest.drained();
  await runPaymentMatcher(ingest.clickhouse.ch, await loadFinanceSettings(ingest.postgres.db));
  const result = await ingest.clickhouse.ch.query({
    query: 'SELECT bank_entry_id, document_id, rule, matched_on, within_tolerance FROM payment_matches FINAL ORDER BY bank_entry_id',
    format: 'JSONEachRow',
  });
  expect(await result.json()).toEqual([
    { bank_entry_id: 'BE-N2', document_id: 'RCPT-N2', rule: 'exact_reference', matched_on: 'remittance_invoice', within_tolerance: 1 },
  ]);
});
