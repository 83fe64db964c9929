// The public bank file samples in ../shared/samples/bank-files/ (not part of a fresh clone;
// skipped when absent) all parse, with the balances and counts their README states.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBankFile } from './support/read-bank-file.ts';

const samples = fileURLToPath(new URL('../../../shared/samples/bank-files/', import.meta.url));
const sample = (name: string) => join(samples, name);

describe.skipIf(!existsSync(samples))('public bank file samples', () => {
  it('camt053 Nordea: 1 statement, 6 booked entries, 200.50 + 10,100.50 − 1,500.50 = 8,800.50', async () => {
    const file = await readBankFile(sample('camt053_001_02_nordea_example.xml'));
    expect(file.format).toMatchObject({ kind: 'camt.053', version: '001.02' });
    expect(file.output.counts).toMatchObject({ statements: 1, entries: 6, balances: 2 });
    expect(file.output.checks).toEqual([expect.objectContaining({ check: 'balance', outcome: 'passed', expected: '8800.50', detail: expect.stringContaining('opening 200.50 + credits 10100.50 − debits 1500.50') })]);
    const rows = file.rows('bank_statement_entries');
    expect(new Set(rows.map((r) => r.account))).toEqual(new Set(['FI8529501800030574']));
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('booked'));
    expect(rows[0]).toMatchObject({ end_to_end_id: '20190501-E00005', creditor_reference: '00000000000000001245', bank_tx_domain: 'PMNT', bank_tx_family: 'RCDT', bank_tx_subfamily: 'ESCT' });
    expect(rows[1]).toMatchObject({ end_to_end_id: '', remittance: 'Free text max 140 characters and max 35 characters in one line' });
    expect(rows[2]).toMatchObject({ creditor_reference: 'RF332348236', end_to_end_id: '20190508-E123456', credit_debit: 'DBIT' });
  });

  it('camt054 genkgo: one batched DBIT entry of 200000 SEK with 3 details sharing an end-to-end id', async () => {
    const file = await readBankFile(sample('camt054_001_02_genkgo_batched.xml'));
    expect(file.format).toMatchObject({ kind: 'camt.054', version: '001.02' });
    expect(file.output.counts).toMatchObject({ entries: 1, transactions: 3 });
    const [event] = file.events();
    expect(event).toMatchObject({ type: 'finance.bank_entry.booked', amount: '200000', currency: 'SEK' });
    expect(event.data).toMatchObject({ credit_debit: 'DBIT', end_to_end_id: 'MUELL/FINP/RA12345', batch_transactions: 3 });
    // Told once for the whole batch (no detail amounts), with every detail's references to match on.
    expect(event.data.remittance).toContain('ISR ref number V2');
    expect(event.data.remittance).toContain('Ref number V3 block 2');
    const rows = file.rows('bank_statement_entries');
    expect(rows.map((r) => r.creditor_reference)).toEqual(['ISR ref number V1', 'ISR ref number V2', 'Ref number V3 block 1']);
    expect(rows[2].creditor_references).toEqual(['Ref number V3 block 1', 'Ref number V3 block 2']);
    expect(new Set(rows.map((r) => r.end_to_end_id))).toEqual(new Set(['MUELL/FINP/RA12345']));
  });

  it('pain001 SEPA: 1 payment information, 1 transfer of 10.00 EUR, NbOfTxs and CtrlSum agree', async () => {
    const file = await readBankFile(sample('pain001_001_03_sepa_single.xml'));
    expect(file.events().map((e) => [e.type, e.document_id, e.amount, e.currency, e.counterparty_name, e.data.requested_execution_date])).toEqual([
      ['finance.payment.sent', 'd6ecf0cb-e0c3-4fe9-8f21-45464fde659', '10.00', 'EUR', 'Dáel Muñiz', '2025-02-10'],
    ]);
    expect(file.output.checks.map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed', 'passed']);
  });

  it('pain002 Nordea: payment information RJCT and 2 transactions RJCT with NARR and its text', async () => {
    const file = await readBankFile(sample('pain002_001_03_nordea_txn_reject.xml'));
    const rows = file.rows('bank_payment_statuses');
    expect(rows.map((r) => [r.level, r.status, r.reason_code])).toEqual([
      ['transaction', 'RJCT', 'NARR'],
      ['transaction', 'RJCT', 'NARR'],
      ['payment_info', 'RJCT', ''],
    ]);
    expect(rows[0]).toMatchObject({ original_message_id: 'MSGID-950-TEST2-2807-01', reason_text: 'CAP Invalid code or combinations in CategoryPurpose or ServiceLevel' });
    expect(file.events('finance.payment.rejected')).toHaveLength(3);
  });

  it('pain002 Goldman Sachs: ACCP for 1 of OrgnlNbOfTxs 2, the other awaits a status', async () => {
    const file = await readBankFile(sample('pain002_001_03_gs_accepted.xml'));
    expect(file.events().map((e) => [e.type, e.document_id, e.amount, e.currency])).toEqual([['finance.payment.acknowledged', 'GSDGFKfLURaHb', '10.00', 'USD']]);
    expect(file.output.checks).toEqual([expect.objectContaining({ check: 'status_coverage', outcome: 'partial', expected: '2 transactions', actual: '1 statuses' })]);
  });

  it('MT940 Rabobank: 2 statements, 4 lines, 1000.00 → 965.00 → 930.00 EUR', async () => {
    const file = await readBankFile(sample('mt940_rabobank_iban.sta'));
    expect(file.output.counts).toMatchObject({ statements: 2, entries: 4 });
    expect(file.output.checks.map((c) => [c.outcome, c.expected])).toEqual([
      ['passed', '965.00'],
      ['passed', '930.00'],
    ]);
    const events = file.events('finance.bank_entry.booked');
    expect(events.map((e) => [e.amount, e.counterparty_name])).toEqual([
      ['25.00', 'CONTRA ACCOUNT HOLDER'],
      ['10.00', 'JOHN DOE'],
      ['25.00', 'CONTRA ACCOUNT HOLDER'],
      ['10.00', 'JOHN DOE'],
    ]);
    expect(events[1].data.remittance).toBe('Reference 201301234');
    expect(events[0].data.end_to_end_id).toBe('01-01-2013 12:00 0030000987654321');
  });
});
