// Exact money and text helpers for bank files: amounts never pass through floats.
import { describe, expect, it } from 'vitest';
import { bankSource } from '../../ingest/bank-files/bank-source.ts';
import { controlSumUnits, fromUnits, isoAmount, joinRemittance, ledgerAmount, toUnits } from '../../ingest/bank-files/bank-values.ts';

describe('amounts', () => {
  it('sums exactly where floats would not', () => {
    const total = ['0.10', '0.20', '1234567890123.45678'].reduce((sum, a) => sum + toUnits(a), 0n);
    expect(fromUnits(total)).toBe('1234567890123.75678');
    expect(fromUnits(toUnits('-2500.00') + toUnits('5085.25') - toUnits('1120'))).toBe('1465.25');
  });

  it('reads ISO amounts without leading zeros and refuses anything else', () => {
    expect(isoAmount('000200.50', 'Amt')).toBe('200.50');
    expect(isoAmount('0', 'Amt')).toBe('0');
    expect(() => isoAmount('1,00', 'Amt')).toThrow('not an amount');
    expect(() => isoAmount('1.123456', 'Amt')).toThrow('not an amount');
    expect(() => isoAmount('-1', 'Amt')).toThrow('not an amount');
  });

  it('drops only zero decimals beyond the currency minor unit', () => {
    expect(ledgerAmount('20.0000', 'USD')).toBe('20.00');
    expect(ledgerAmount('1500.00', 'JPY')).toBe('1500');
    expect(ledgerAmount('-0.00', 'EUR')).toBe('0.00');
    expect(ledgerAmount('10.125', 'EUR')).toBe('10.125');
  });

  it('compares control sums with more decimals than amounts', () => {
    expect(controlSumUnits('20.0000000')).toBe(toUnits('20'));
    expect(controlSumUnits('20.0000001')).toBeNull();
    expect(controlSumUnits('abc')).toBeNull();
  });
});

describe('remittance text', () => {
  it('joins fixed-width lines cut mid-word without a space and phrases with one', () => {
    expect(joinRemittance(['Free text max 140 characters and ma', 'x 35 characters in one line'])).toBe('Free text max 140 characters and max 35 characters in one line');
    expect(joinRemittance(['Invoice 4711', 'Invoice 4712'])).toBe('Invoice 4711 Invoice 4712');
  });
});

describe('bank source', () => {
  it('prefers a BIC, then a slug of the name, then unknown', () => {
    expect(bankSource('cobadeffxxx')).toBe('bank/COBADEFFXXX');
    expect(bankSource('', 'Société Générale')).toBe('bank/societe-generale');
    expect(bankSource('not a bic', '')).toBe('bank/unknown');
  });
});
