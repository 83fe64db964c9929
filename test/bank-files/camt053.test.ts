// camt.053 statements (.001.02 and .001.08) into entries, balances, events and checks:
// several statements, a batched entry, credit/debit, pending, non-ASCII names, element
// paths in refusals, and failed checks that stay visible.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readBankFile, refusalOf, type ReadBankFile } from './support/read-bank-file.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cw-camt053-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** A copy of a fixture with one text replaced, for a variant of it. */
async function variant(name: string, from: string, to: string): Promise<string> {
  const text = await readFile(fixture(name), 'utf8');
  expect(text).toContain(from);
  const path = join(tmp, `${Math.random().toString(36).slice(2)}-${name}`);
  await writeFile(path, text.replace(from, to));
  return path;
}

describe('camt.053.001.02 with two statements', () => {
  let file: ReadBankFile;
  beforeAll(async () => {
    file = await readBankFile(fixture('camt053_001_02_two_statements.xml'));
  });

  it('recognises type and version from the namespace', () => {
    expect(file.format).toMatchObject({ kind: 'camt.053', version: '001.02' });
    expect(file.output.info).toMatchObject({ messageId: 'CW-CAMT053-0001', source: 'bank/COBADEFFXXX' });
  });

  it('counts statements, entries, transaction details and balances', () => {
    expect(file.output.counts).toMatchObject({ statements: 2, entries: 9, transactions: 11, balances: 5 });
  });

  it('reconciles each statement per currency in exact decimal, pending entries excluded', () => {
    const balance = file.output.checks.filter((c) => c.check === 'balance');
    expect(balance.map((c) => [c.scope.split(' ').pop(), c.outcome, c.expected, c.actual])).toEqual([
      ['EUR', 'passed', '19484.10', '19484.10'],
      ['USD', 'passed', '1465.25', '1465.25'],
    ]);
  });

  it('checks the transactions summary and the batch against the entries', () => {
    const outcomes = Object.fromEntries(file.output.checks.filter((c) => c.check !== 'balance').map((c) => [c.check, c.outcome]));
    expect(outcomes).toEqual({ summary_total: 'passed', summary_credits: 'passed', summary_debits: 'passed', summary_net: 'passed', batch_details: 'passed' });
  });

  it('tells a batched entry whose details sum to it as one event per transaction', () => {
    const batch = file.events().filter((e) => e.data.entry_amount === '3000.00');
    expect(batch.map((e) => [e.id, e.amount, e.data.end_to_end_id, e.counterparty_name])).toEqual([
      ['aaaa:s1:e2:t1', '1000.00', 'PAY-2026-0001', 'Société Générale SA'],
      ['aaaa:s1:e2:t2', '1250.50', 'PAY-2026-0002', 'Øresund Shipping ApS'],
      ['aaaa:s1:e2:t3', '749.50', 'PAY-2026-0003', 'Łódź Logistics Sp. z o.o.'],
    ]);
    expect(batch.every((e) => e.type === 'finance.bank_entry.booked' && e.data.credit_debit === 'DBIT')).toBe(true);
  });

  it('keeps one detail row per transaction with the fields matching needs', () => {
    const rows = file.rows('bank_statement_entries').filter((r) => r.entry_index === 2 && r.statement_index === 1);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({
      account: 'DE89370400440532013000',
      entry_amount: '3000.00',
      tx_amount: '1250.50',
      credit_debit: 'DBIT',
      status: 'booked',
      bank_tx_domain: 'PMNT',
      bank_tx_family: 'ICDT',
      bank_tx_subfamily: 'ESCT',
      end_to_end_id: 'PAY-2026-0002',
      instruction_id: 'INSTR-2',
      counterparty_name: 'Øresund Shipping ApS',
      counterparty_account: 'DK5000400440116243',
      remittance: 'Charter fee October, voyage 88- A',
      booking_date: '2026-11-20',
      value_date: '2026-11-20',
    });
  });

  it('tells a credit with its structured creditor reference and counterparty', () => {
    const [credit] = file.events().filter((e) => e.id === 'aaaa:s1:e1');
    expect(credit).toMatchObject({
      type: 'finance.bank_entry.booked',
      source: 'bank/COBADEFFXXX',
      entity: 'DE01',
      document_type: 'bank_entry',
      document_id: 'DE89370400440532013000/COBA-20261120-0001',
      amount: '12500.00',
      currency: 'EUR',
      reference: 'RF18539007547034',
      counterparty_name: 'Müller GmbH',
      time: '2026-11-20 00:00:00.000',
    });
    expect(credit.data).toMatchObject({ credit_debit: 'CRDT', end_to_end_id: 'E2E-INV-2026-000123', counterparty_account: 'DE02120300000000202051', bank_transaction_code: 'PMNT/RCDT/ESCT' });
  });

  it('tells a pending entry as bank_entry.pending', () => {
    const pending = file.events('finance.bank_entry.pending');
    expect(pending.map((e) => [e.amount, e.data.credit_debit, e.counterparty_name, e.data.value_date])).toEqual([['480.00', 'CRDT', 'Ærø Trading ApS', '2026-11-21']]);
  });

  it('reports balances signed, with the catalogue type and the bank code', () => {
    const balances = file.events('finance.balance.reported').map((e) => [e.data.balance_code, e.data.balance_type, e.amount, e.currency]);
    expect(balances).toEqual([
      ['OPBD', 'opening', '10000.00', 'EUR'],
      ['CLBD', 'closing', '19484.10', 'EUR'],
      ['CLAV', 'available', '19484.10', 'EUR'],
      ['OPBD', 'opening', '-2500.00', 'USD'],
      ['CLBD', 'closing', '1465.25', 'USD'],
    ]);
  });

  it('identifies an account without IBAN by its other id', () => {
    expect(new Set(file.rows('bank_statement_entries').filter((r) => r.statement_index === 2).map((r) => r.account))).toEqual(new Set(['123456789']));
  });
});

describe('camt.053.001.08', () => {
  it('reads Sts/Cd, BICFI, TxDtls/Amt, Pty names and booking date-times', async () => {
    const file = await readBankFile(fixture('camt053_001_08_statement.xml'));
    expect(file.format).toMatchObject({ kind: 'camt.053', version: '001.08' });
    const [first] = file.events('finance.bank_entry.booked');
    expect(first).toMatchObject({ source: 'bank/BUKBGB22', amount: '1200.00', currency: 'GBP', counterparty_name: 'Zoë Ångström Ltd', time: '2026-11-24 09:30:00.000' });
    expect(first.data).toMatchObject({ remittance: 'INV-UK-2026-310', reference: 'RF712348231', bank_transaction_proprietary: 'FPS' });
    expect(file.events('finance.bank_entry.pending').map((e) => e.amount)).toEqual(['50.00']);
    expect(file.output.checks.find((c) => c.check === 'balance')).toMatchObject({ outcome: 'passed', expected: '1400.00' });
    expect(file.events('finance.balance.reported').map((e) => e.data.balance_type)).toEqual(['opening', 'closing', 'forward_available']);
  });

  it('makes a closing balance that does not reconcile a failed check, not a refusal', async () => {
    const path = await variant('camt053_001_08_statement.xml', '<Amt Ccy="GBP">1400.00</Amt>', '<Amt Ccy="GBP">1400.01</Amt>');
    const file = await readBankFile(path);
    expect(file.output.checks.find((c) => c.check === 'balance')).toMatchObject({ outcome: 'failed', expected: '1400.01', actual: '1400.00', detail: expect.stringContaining('difference -0.01') });
    expect(file.output.counts.entries).toBe(3);
  });

  it('fails the summary check when TxsSummry disagrees with the entries', async () => {
    const path = await variant('camt053_001_08_statement.xml', '<NbOfNtries>3</NbOfNtries>', '<NbOfNtries>4</NbOfNtries>');
    const file = await readBankFile(path);
    expect(file.output.checks.find((c) => c.check === 'summary_total')).toMatchObject({ outcome: 'failed', expected: '4 entries, sum 1550.00', actual: '3 entries, sum 1550.00' });
  });
});

describe('refusals', () => {
  it('points at the element of a malformed amount', async () => {
    const refusal = await refusalOf(fixture('camt053_001_02_malformed_amount.xml'));
    expect(refusal.path).toBe('Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt');
    expect(refusal.reason).toContain('"1O.00" is not an amount');
    expect(refusal.status).toBe(422);
  });

  it('refuses an unknown currency at its attribute', async () => {
    const path = await variant('camt053_001_08_statement.xml', '<Amt Ccy="GBP">300.00</Amt>\n        <CdtDbtInd>DBIT', '<Amt Ccy="GBX">300.00</Amt>\n        <CdtDbtInd>DBIT');
    expect((await refusalOf(path)).path).toBe('Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt/@Ccy');
  });

  it('refuses an entry without its credit/debit indicator', async () => {
    const path = await variant('camt053_001_08_statement.xml', '<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts><Cd>PDNG', '<Sts><Cd>PDNG');
    const refusal = await refusalOf(path);
    expect([refusal.path, refusal.reason]).toEqual(['Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/CdtDbtInd', 'is required']);
  });

  it('refuses a file whose namespace names another message', async () => {
    const path = await variant('camt053_001_08_statement.xml', 'xsd:camt.053.001.08', 'xsd:pain.002.001.10');
    expect((await refusalOf(path)).reason).toContain('is a camt.053 message but the namespace');
  });

  it('refuses a DOCTYPE (no entity expansion)', async () => {
    const path = join(tmp, 'doctype.xml');
    await writeFile(path, '<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY a "aaaa">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>');
    expect((await refusalOf(path)).reason).toContain('DOCTYPE');
  });
});
