// Amounts are decimal strings with at most the currency's minor units: each malformed form is
// rejected at data.amount with the specific reason, and each valid edge is accepted exactly.
import { describe, expect, it } from 'vitest';
import { accepted, errorsOf, withData } from './rejection.ts';

const amountErrors = (amount: unknown, currency = 'EUR') => errorsOf(withData({ amount, currency }));

describe('malformed amounts', () => {
  it.each([
    ['1e309', '"1e309" uses exponent notation; write all digits, e.g. "1000.00"'],
    ['1e3', '"1e3" uses exponent notation; write all digits, e.g. "1000.00"'],
    ['NaN', '"NaN" is not a finite number'],
    ['Infinity', '"Infinity" is not a finite number'],
    ['-Infinity', '"-Infinity" is not a finite number'],
    ['007', '"007" has leading zeros'],
    ['+5', '"+5" has a "+" sign; positive amounts are written without a sign'],
    [' 5', '" 5" contains whitespace'],
    ['5 ', '"5 " contains whitespace'],
    ['5.', '"5." has no digit after "."; write e.g. "5" or "5.00"'],
    ['.5', '".5" has no digit before "."; write e.g. "0.50"'],
    ['1,000.00', '"1,000.00" contains a thousands or decimal separator other than "."; write e.g. "1000.00"'],
    ['12,50', '"12,50" contains a thousands or decimal separator other than "."; write e.g. "1000.00"'],
    ['0x10', '"0x10" is not a plain decimal (digits, an optional "-", "." and fraction digits)'],
    ['', 'must not be empty; write the amount as a decimal string such as "1250.00"'],
  ])('rejects %j', (amount, message) => {
    expect(amountErrors(amount)).toEqual([{ path: 'data.amount', message }]);
  });

  it('rejects 19 integer digits (Decimal(38, 4) holds 18 safely)', () => {
    expect(amountErrors('1234567890123456789')).toEqual([{ path: 'data.amount', message: 'has 19 integer digits; at most 18 are accepted' }]);
  });

  it('accepts 18 integer digits', () => {
    expect(accepted(withData({ amount: '123456789012345678.99' })).amount).toBe('123456789012345678.99');
  });

  it.each(['-0', '-0.00'])('rejects negative zero %j', (amount) => {
    expect(amountErrors(amount)).toEqual([{ path: 'data.amount', message: 'is negative zero; write zero without a sign' }]);
  });

  it('rejects a negative amount where the type carries the direction', () => {
    expect(amountErrors('-5.00')).toEqual([{ path: 'data.amount', message: 'must not be negative; the event type carries the direction' }]);
  });

  it('quotes an overlong amount only in part', () => {
    const [error] = amountErrors(`${'9'.repeat(100)}x`);
    expect(error!.message).toBe(`"${'9'.repeat(40)}"… is not a plain decimal (digits, an optional "-", "." and fraction digits)`);
  });
});

describe('amounts that are not strings', () => {
  it.each([
    [12.5, 'number'],
    [1250, 'number'],
    [true, 'boolean'],
    [['1.00'], 'array'],
    [{ value: '1.00' }, 'object'],
  ])('rejects %j naming its JSON type', (amount, type) => {
    expect(amountErrors(amount)).toEqual([{ path: 'data.amount', message: `must be a decimal string such as "1250.00" (got ${type}); JSON numbers lose cents` }]);
  });
});

describe('scale follows the currency (ISO 4217 minor units)', () => {
  it('rejects 1.005 EUR: three places where EUR has two', () => {
    expect(amountErrors('1.005', 'EUR')).toEqual([{ path: 'data.amount', message: 'has 3 decimal places; at most 2 allowed here' }]);
  });

  it('accepts 12 JPY', () => {
    expect(accepted(withData({ amount: '12', currency: 'JPY' })).amount).toBe('12');
  });

  it('rejects 12.5 JPY: yen has no minor unit', () => {
    expect(amountErrors('12.5', 'JPY')).toEqual([{ path: 'data.amount', message: 'has 1 decimal place; at most 0 allowed here (JPY has no minor unit)' }]);
  });

  it('accepts 0.125 KWD: three minor units', () => {
    expect(accepted(withData({ amount: '0.125', currency: 'KWD' })).amount).toBe('0.125');
  });

  it('keeps trailing zeros exactly as sent', () => {
    expect(accepted(withData({ amount: '12500.10' })).amount).toBe('12500.10');
  });
});

describe('balances and rates', () => {
  const balance = (amount: string) => ({
    specversion: '1.0', id: 'bal-1', source: 'bank/db', type: 'finance.balance.reported', time: '2026-11-20T10:15:00Z',
    data: { entity: 'DE01', amount, currency: 'EUR', account: 'DE89370400440532013000', balance_date: '2026-11-20', balance_type: 'closing' },
  });
  const rate = (value: unknown) => ({
    specversion: '1.0', id: 'fx-1', source: 'treasury/fx', type: 'finance.fx.rate', time: '2026-11-20T10:15:00Z',
    data: { entity: 'DE01', base_currency: 'EUR', quote_currency: 'USD', rate: value, rate_date: '2026-11-20' },
  });

  it('accepts a negative balance', () => {
    expect(accepted(balance('-1500.25')).amount).toBe('-1500.25');
  });

  it('rejects a negative-zero balance', () => {
    expect(errorsOf(balance('-0.00'))).toEqual([{ path: 'data.amount', message: 'is negative zero; write zero without a sign' }]);
  });

  it('rejects a zero FX rate', () => {
    expect(errorsOf(rate('0.0000'))).toEqual([{ path: 'data.rate', message: 'must be greater than zero' }]);
  });

  it('rejects an FX rate sent as a number', () => {
    expect(errorsOf(rate(1.08))).toEqual([{ path: 'data.rate', message: 'must be a decimal string such as "1250.00" (got number); JSON numbers lose cents' }]);
  });
});
