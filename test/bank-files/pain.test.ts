// pain.002 payment status reports (.001.03 and .001.10) into payment.* events and status
// rows, per group, payment information and transaction; coverage and control-sum checks;
// pain.001 copies as payment.sent with group-header checks.
import { describe, expect, it } from 'vitest';
import { fixture, readBankFile, refusalOf } from './support/read-bank-file.ts';

describe('pain.002.001.03 with rejects', () => {
  it('tells settled and rejected transactions with their reason codes', async () => {
    const file = await readBankFile(fixture('pain002_001_03_rejects.xml'));
    expect(file.format).toMatchObject({ kind: 'pain.002', version: '001.03' });
    const tx = file.events().filter((e) => e.data.status_level === 'transaction');
    expect(tx.map((e) => [e.type, e.document_id, e.data.bank_status, e.data.reason_code ?? '', e.data.reason_text ?? '', e.amount])).toEqual([
      ['finance.payment.settled', 'PAY-2026-0001', 'ACSC', '', '', '1000.00'],
      ['finance.payment.rejected', 'PAY-2026-0002', 'RJCT', 'AC04', 'Account closed at Øresund Bank', '1250.50'],
      ['finance.payment.rejected', 'PAY-2026-0003', 'RJCT', 'AM04', 'Insufficient funds', '749.50'],
    ]);
    expect(tx[0]).toMatchObject({ source: 'bank/COBADEFFXXX', time: '2026-11-20 10:00:00.000', reference: 'PAY-2026-0001' });
  });

  it('tells group and payment information statuses on the batch document', async () => {
    const file = await readBankFile(fixture('pain002_001_03_rejects.xml'));
    const batch = file.events().filter((e) => e.document_type === 'payment_batch');
    expect(batch.map((e) => [e.type, e.document_id, e.data.bank_status, e.data.status_level])).toEqual([
      ['finance.payment.acknowledged', 'PAIN001-2026-0042', 'PART', 'group'],
      ['finance.payment.acknowledged', 'PAIN001-2026-0042/PMTINF-1', 'PART', 'payment_info'],
    ]);
  });

  it('keeps a status row per level with the original references', async () => {
    const rows = (await readBankFile(fixture('pain002_001_03_rejects.xml'))).rows('bank_payment_statuses');
    expect(rows.map((r) => [r.level, r.status, r.original_end_to_end_id, r.reason_code])).toEqual([
      ['group', 'PART', '', ''],
      ['transaction', 'ACSC', 'PAY-2026-0001', ''],
      ['transaction', 'RJCT', 'PAY-2026-0002', 'AC04'],
      ['transaction', 'RJCT', 'PAY-2026-0003', 'AM04'],
      ['payment_info', 'PART', '', ''],
    ]);
    expect(rows[2]).toMatchObject({ original_message_id: 'PAIN001-2026-0042', original_message_type: 'pain.001.001.03', original_payment_info_id: 'PMTINF-1', original_instruction_id: 'INSTR-2', report_message_id: 'STS-2026-0001' });
  });

  it('checks that the report covers the original count and control sum', async () => {
    const checks = (await readBankFile(fixture('pain002_001_03_rejects.xml'))).output.checks;
    expect(checks.map((c) => [c.check, c.outcome])).toEqual([
      ['status_coverage', 'passed'],
      ['control_sum', 'passed'],
    ]);
  });

  it('refuses a transaction status that is not a status code, at its element', async () => {
    const refusal = await refusalOf(fixture('pain002_001_03_malformed_status.xml'));
    expect(refusal.path).toBe('Document/CstmrPmtStsRpt/OrgnlPmtInfAndSts[1]/TxInfAndSts[2]/TxSts');
  });
});

describe('pain.002.001.10 covering part of the original transactions', () => {
  it('says which part still awaits a status, without failing the file', async () => {
    const file = await readBankFile(fixture('pain002_001_10_partial.xml'));
    expect(file.format).toMatchObject({ kind: 'pain.002', version: '001.10' });
    expect(file.output.checks.map((c) => [c.check, c.outcome, c.expected, c.actual])).toEqual([
      ['status_coverage', 'partial', '4 transactions', '2 statuses'],
      ['status_coverage', 'partial', '4 transactions', '2 statuses'],
    ]);
    expect(file.output.checks.some((c) => c.outcome === 'failed')).toBe(false);
  });

  it('tells acceptance and a proprietary rejection reason with all its text', async () => {
    const file = await readBankFile(fixture('pain002_001_10_partial.xml'));
    expect(file.events().map((e) => [e.type, e.document_id, e.data.reason_code ?? '', e.source])).toEqual([
      ['finance.payment.acknowledged', 'PAY-100-1', '', 'bank/NDEAFIHHXXX'],
      ['finance.payment.rejected', 'PAY-100-2', 'R042', 'bank/NDEAFIHHXXX'],
    ]);
    expect(file.events()[1].data.reason_text).toBe('Creditor name does not match account holder (Société Générale vs Societe Generale)');
    expect(file.events()[0].time).toBe('2026-11-22 07:55:00.000');
  });
});

describe('pain.001 copies of payment runs', () => {
  it('tells each credit transfer as payment.sent and fails a wrong group control sum', async () => {
    const file = await readBankFile(fixture('pain001_001_03_control_sum_mismatch.xml'));
    expect(file.events().map((e) => [e.type, e.document_id, e.amount, e.counterparty_name])).toEqual([
      ['finance.payment.sent', 'PAY-200-1', '1000.00', 'Müller GmbH'],
      ['finance.payment.sent', 'PAY-200-2', '250.00', 'Øresund Shipping ApS'],
    ]);
    const group = file.output.checks.filter((c) => c.scope.startsWith('group header'));
    expect(group.map((c) => [c.check, c.outcome, c.expected, c.actual])).toEqual([
      ['transaction_count', 'passed', '2', '2'],
      ['control_sum', 'failed', '1300.00', '1250.00'],
    ]);
  });
});
