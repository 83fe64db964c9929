// camt.054 debit/credit notifications: batched receipts told per transaction, a batched
// entry without detail amounts told once, and not-well-formed XML refused with its line.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readBankFile, refusalOf } from './support/read-bank-file.ts';

describe('camt.054.001.08 batched credit', () => {
  it('tells each receipt of the batch as its own booked credit', async () => {
    const file = await readBankFile(fixture('camt054_001_08_batched_credit.xml'));
    expect(file.format).toMatchObject({ kind: 'camt.054', version: '001.08' });
    const events = file.events('finance.bank_entry.booked');
    expect(events.map((e) => [e.amount, e.data.end_to_end_id, e.counterparty_name, e.data.entry_amount, e.data.batch_transactions])).toEqual([
      ['400.00', 'RCPT-CUST-1', 'Müller GmbH', '900.00', 2],
      ['500.00', 'RCPT-CUST-2', 'Øresund Shipping ApS', '900.00', 2],
    ]);
    expect(file.output.checks).toEqual([expect.objectContaining({ check: 'batch_details', outcome: 'passed' })]);
  });

  it('asks for no balances from a notification', async () => {
    const file = await readBankFile(fixture('camt054_001_08_batched_credit.xml'));
    expect(file.output.checks.some((c) => c.check === 'balance')).toBe(false);
  });
});

describe('not well-formed XML', () => {
  it('is refused with 400 and the line of the error', async () => {
    const refusal = await refusalOf(fixture('camt054_001_02_malformed_xml.xml'));
    expect(refusal.status).toBe(400);
    expect(refusal.line).toBe(17);
    expect(refusal.reason).toContain('XML is not well-formed (line 17');
    expect(refusal.path).toContain('Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[1]');
  });
});

describe('camt.052 account report', () => {
  it('is read by the same element names (Rpt instead of Ntfctn)', async () => {
    const text = (await readFile(fixture('camt054_001_08_batched_credit.xml'), 'utf8'))
      .replace('xsd:camt.054.001.08', 'xsd:camt.052.001.08')
      .replaceAll('BkToCstmrDbtCdtNtfctn>', 'BkToCstmrAcctRpt>')
      .replaceAll('Ntfctn>', 'Rpt>');
    const dir = await mkdtemp(join(tmpdir(), 'cw-camt052-'));
    const path = join(dir, 'report.xml');
    await writeFile(path, text);
    const file = await readBankFile(path);
    await rm(dir, { recursive: true, force: true });
    expect(file.format).toMatchObject({ kind: 'camt.052', version: '001.08' });
    expect(file.output.counts).toMatchObject({ statements: 1, entries: 1, transactions: 2 });
    expect(file.output.checks.map((c) => c.check)).toEqual(['batch_details']);
  });
});
