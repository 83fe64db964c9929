// formatMoney: exact decimal strings rounded and grouped on the string, never through a float;
// the currency's symbol, minor digits and layout from Intl.
import { describe, expect, it } from 'vitest';
import { addDecimals, compareDecimals, roundDecimal } from '../../web/src/money/decimal-string.ts';
import { formatMaybeMoney, formatMoney } from '../../web/src/money/format-money.ts';

describe('formatMoney', () => {
  it('groups digits and rounds to the currency’s minor unit', () => {
    expect(formatMoney('1234567.891', 'EUR')).toBe('€1,234,567.89');
    expect(formatMoney('1234567.891', 'USD')).toBe('$1,234,567.89');
    expect(formatMoney('99.995', 'GBP')).toBe('£100.00');
  });

  it('keeps the sign of small negatives and pads zero', () => {
    expect(formatMoney('-0.5', 'EUR')).toBe('-€0.50');
    expect(formatMoney('0', 'EUR')).toBe('€0.00');
    expect(formatMoney('-0.001', 'EUR')).toBe('€0.00');
  });

  it('shows JPY without decimals, rounding half away from zero', () => {
    expect(formatMoney('1234567.891', 'JPY')).toBe('¥1,234,568');
    expect(formatMoney('-0.5', 'JPY')).toBe('-¥1');
    expect(formatMoney('0', 'JPY')).toBe('¥0');
    expect(formatMoney('0.4999', 'JPY')).toBe('¥0');
  });

  it('keeps every digit of amounts beyond a float’s precision', () => {
    // 2^53 + 1 with cents: a float would print ...992.00 or lose the cents.
    expect(formatMoney('9007199254740993.07', 'EUR')).toBe('€9,007,199,254,740,993.07');
    expect(formatMoney('123456789012345678901234.5678', 'USD')).toBe('$123,456,789,012,345,678,901,234.57');
  });

  it('follows the locale’s layout and separators, and three-digit currencies', () => {
    expect(formatMoney('1234567.891', 'EUR', { locale: 'de-DE' })).toBe('1.234.567,89\u00a0€');
    expect(formatMoney('5', 'BHD')).toBe('BHD\u00a05.000');
  });

  it('shows what it cannot parse as received, and a dash for no amount', () => {
    expect(formatMoney('1e6', 'EUR')).toBe('1e6 EUR');
    expect(formatMaybeMoney(null, 'EUR')).toBe('—');
  });
});

describe('decimal strings', () => {
  it('adds, compares and rounds exactly', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['1234.5600', '-0.0100', '7'])).toBe('1241.5500');
    expect(addDecimals([])).toBe('0');
    expect(compareDecimals('10.0', '9.9999')).toBe(1);
    expect(compareDecimals('-1', '-1.000')).toBe(0);
    expect(roundDecimal('2.345', 2)).toEqual({ negative: false, whole: '2', fraction: '35' });
  });
});
