// Currencies are ISO 4217 codes of money a ledger books; each refusal says why the code is wrong.
import { describe, expect, it } from 'vitest';
import { accepted, errorsOf, withData } from './rejection.ts';

describe('currency codes', () => {
  it.each([
    ['EURO', '"EURO" is not a three-letter ISO 4217 code such as "EUR"'],
    ['eur', '"eur" must be upper case (EUR)'],
    ['XXX', '"XXX" is an ISO 4217 code for no currency, testing or a precious metal, not a currency a ledger books'],
    ['XAU', '"XAU" is an ISO 4217 code for no currency, testing or a precious metal, not a currency a ledger books'],
    ['ZZZ', '"ZZZ" is not an ISO 4217 currency code'],
    ['', '"" is not a three-letter ISO 4217 code such as "EUR"'],
    ['E\u200bUR', '"E\\u200bUR" is not a three-letter ISO 4217 code such as "EUR"'],
  ])('rejects %j at data.currency', (currency, message) => {
    expect(errorsOf(withData({ currency }))).toContainEqual({ path: 'data.currency', message });
  });

  it('rejects a currency sent as a number (ISO numeric code)', () => {
    expect(errorsOf(withData({ currency: 978 }))).toEqual([{ path: 'data.currency', message: 'must be a three-letter ISO 4217 code such as "EUR" (got number)' }]);
  });

  it('requires a currency when an amount is given', () => {
    const event = withData({});
    delete (event.data as Record<string, unknown>).currency;
    event.type = 'finance.invoice.approved';
    expect(errorsOf(event)).toEqual([{ path: 'data.currency', message: 'is required when amount is given' }]);
  });

  it('checks FX base and quote currencies', () => {
    const event = {
      specversion: '1.0', id: 'fx-1', source: 'treasury/fx', type: 'finance.fx.rate', time: '2026-11-20T10:15:00Z',
      data: { entity: 'DE01', base_currency: 'eur', quote_currency: 'XTS', rate: '1.08', rate_date: '2026-11-20' },
    };
    expect(errorsOf(event).map((e) => e.path)).toEqual(['data.base_currency', 'data.quote_currency']);
  });

  it.each(['EUR', 'USD', 'JPY', 'KWD', 'CHF'])('accepts %s', (currency) => {
    expect(accepted(withData({ currency, amount: '10' })).currency).toBe(currency);
  });
});
