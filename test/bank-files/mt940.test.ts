// SWIFT MT940: several statements in SWIFT envelopes, balances reconciled, :61: with
// reversals, structured :86: in slash-code and ?20 form, UTF-8 and Latin-1 names, and a
// malformed line refused with its line number.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mt940Details } from '../../ingest/bank-files/mt940-details.ts';
import { fixture, readBankFile, refusalOf } from './support/read-bank-file.ts';

describe('MT940 with two statements', () => {
  it('reads both statements with the sending bank of each envelope', async () => {
    const file = await readBankFile(fixture('mt940_two_statements.sta'));
    expect(file.format.kind).toBe('mt940');
    expect(file.output.counts).toMatchObject({ statements: 2, entries: 5, balances: 6 });
    const sources = new Set(file.events('finance.bank_entry.booked').map((e) => `${e.source} ${e.currency}`));
    expect(sources).toEqual(new Set(['bank/COBADEFF EUR', 'bank/DNBANOKK NOK']));
  });

  it('reconciles each statement, a debit closing balance included', async () => {
    const checks = (await readBankFile(fixture('mt940_two_statements.sta'))).output.checks;
    expect(checks.map((c) => [c.outcome, c.expected, c.actual])).toEqual([
      ['passed', '21484.10', '21484.10'],
      ['passed', '-2300.00', '-2300.00'],
    ]);
  });

  it('reads slash-coded and ?20-style :86: details', async () => {
    const events = (await readBankFile(fixture('mt940_two_statements.sta'))).events('finance.bank_entry.booked');
    expect(events[0]).toMatchObject({ amount: '12500.00', counterparty_name: 'Müller GmbH', reference: 'RF18539007547034' });
    expect(events[0].data).toMatchObject({ end_to_end_id: 'E2E-INV-2026-000123', counterparty_account: 'DE02120300000000202051', credit_debit: 'CRDT', account_servicer_reference: 'COBA0001', entry_reference: 'E2E-INV-123' });
    expect(events[1]).toMatchObject({ amount: '1000.00', counterparty_name: 'Société Générale SA' });
    expect(events[1].data).toMatchObject({ end_to_end_id: 'PAY-2026-0001', remittance: 'Rechnung 4711 Société Générale', counterparty_bic: 'SOGEFRPP' });
    expect(events[2].data.remittance).toBe('Kontoführungsgebühr November');
  });

  it('reads a reversal of a debit as a credit', async () => {
    const rows = (await readBankFile(fixture('mt940_two_statements.sta'))).rows('bank_statement_entries');
    const reversal = rows.find((r) => r.account_servicer_reference === 'DNB0002');
    expect(reversal).toMatchObject({ credit_debit: 'CRDT', reversal: 1, entry_amount: '200.00', bank_tx_proprietary: 'NRTI' });
  });

  it('reports opening, closing, available and forward available balances', async () => {
    const balances = (await readBankFile(fixture('mt940_two_statements.sta'))).rows('bank_balances');
    expect(balances.map((b) => [b.balance_code, b.balance_type, b.amount])).toEqual([
      ['OPBD', 'opening', '10000.00'],
      ['CLBD', 'closing', '21484.10'],
      ['CLAV', 'available', '21484.10'],
      ['OPBD', 'opening', '5000.00'],
      ['CLBD', 'closing', '-2300.00'],
      ['FWAV', 'forward_available', '-2300.00'],
    ]);
  });

  it('reads a Latin-1 file with the same names as its UTF-8 twin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cw-mt940-'));
    const path = join(dir, 'latin1.sta');
    await writeFile(path, Buffer.from((await readFile(fixture('mt940_two_statements.sta'), 'utf8')).replace('Łódź', 'Lodz'), 'latin1'));
    const names = (await readBankFile(path)).events('finance.bank_entry.booked').map((e) => e.counterparty_name);
    await rm(dir, { recursive: true, force: true });
    expect(names).toContain('Müller GmbH');
    expect(names).toContain('Øresund Shipping ApS');
  });
});

describe('malformed MT940', () => {
  it('is refused with the line number of the bad field', async () => {
    const refusal = await refusalOf(fixture('mt940_malformed_line.sta'));
    expect([refusal.line, refusal.path, refusal.status]).toEqual([7, 'line 7 (:61:)', 422]);
    expect(refusal.reason).toContain('"12.500,00"');
  });
});

describe(':86: details', () => {
  it('splits slash codes even when a line break falls inside a value', () => {
    expect(mt940Details('/EREF/01-01-2013 12:00 0030000987654321/BENM//NAME/CONTRA ACCOUN\nT HOLDER/REMI//ISDT/2013-07-11')).toMatchObject({
      endToEndId: '01-01-2013 12:00 0030000987654321',
      counterpartyName: 'CONTRA ACCOUNT HOLDER',
    });
  });

  it('reads CNTP account/BIC/name and unstructured REMI', () => {
    expect(mt940Details('/TRTP/SEPA OVERBOEKING/CNTP/NL12ABNA0123456789/ABNANL2A/Øresund BV/Amsterdam/REMI/USTD//Factuur 2026-17/')).toMatchObject({
      counterpartyAccount: 'NL12ABNA0123456789',
      counterpartyBic: 'ABNANL2A',
      counterpartyName: 'Øresund BV',
      remittance: 'Factuur 2026-17',
      bookingText: 'SEPA OVERBOEKING',
    });
  });

  it('reads ?20 subfields with SEPA keywords and the GVC code', () => {
    expect(mt940Details('166?00GUTSCHRIFT?20EREF+E2E-77?21MREF+M-1?22SVWZ+RF18539007547034?32MUELLER GMBH')).toMatchObject({
      transactionCode: '166',
      endToEndId: 'E2E-77',
      mandateId: 'M-1',
      creditorReference: 'RF18539007547034',
      counterpartyName: 'MUELLER GMBH',
    });
  });
});
