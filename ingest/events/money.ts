// Exact-decimal money and ISO 4217 currency checks. Amounts stay strings from the wire to
// ClickHouse; this module only decides whether a string is an acceptable amount, and when
// it is not, says exactly what is wrong with it.
import currencyCodes from 'currency-codes';
import { jsonTypeOf, quoteValue } from './record-error.ts';

/** Codes ISO 4217 reserves for testing, precious metals and "no currency": not money a ledger books. */
const notLedgerCurrencies = new Set(['XXX', 'XTS', 'XAU', 'XAG', 'XPT', 'XPD', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA']);

/** Minor-unit digits of an ISO 4217 currency, or undefined if the code is not a ledger currency. */
export function minorUnits(code: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(code) || notLedgerCurrencies.has(code)) return undefined;
  return currencyCodes.code(code)?.digits;
}

/** Why a string is not a ledger currency code, or undefined if it is one. */
export function currencyProblem(code: string): string | undefined {
  if (minorUnits(code) !== undefined) return undefined;
  const shown = quoteValue(code, 8);
  if (notLedgerCurrencies.has(code)) return `${shown} is an ISO 4217 code for no currency, testing or a precious metal, not a currency a ledger books`;
  if (/^[a-z]{3}$/i.test(code) && minorUnits(code.toUpperCase()) !== undefined) return `${shown} must be upper case (${code.toUpperCase()})`;
  if (!/^[A-Z]{3}$/.test(code)) return `${shown} is not a three-letter ISO 4217 code such as "EUR"`;
  return `${shown} is not an ISO 4217 currency code`;
}

/** Integer digits: ClickHouse stores amounts as Decimal(38, 4), and 18 digits is ample for any ledger. */
const maxIntegerDigits = 18;
const decimalPattern = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export interface AmountRules {
  /** Negative amounts are allowed (balances); otherwise direction comes from the event type. */
  signed?: boolean;
  /** Maximum decimal places; from the currency when the amount is money. */
  maxScale: number;
}

/** Returns a reason the value is not an acceptable amount, or undefined if it is. */
export function amountProblem(value: unknown, rules: AmountRules): string | undefined {
  if (typeof value !== 'string') {
    return `must be a decimal string such as "1250.00" (got ${jsonTypeOf(value)}); JSON numbers lose cents`;
  }
  const m = decimalPattern.exec(value);
  if (!m) return notPlainDecimal(value);
  const [, sign, integer, fraction = ''] = m;
  if (integer!.length > maxIntegerDigits) return `has ${integer!.length} integer digits; at most ${maxIntegerDigits} are accepted`;
  if (sign === '-' && /^0*$/.test(integer! + fraction)) return 'is negative zero; write zero without a sign';
  if (sign === '-' && !rules.signed) return 'must not be negative; the event type carries the direction';
  if (fraction.length > rules.maxScale) {
    return `has ${fraction.length} decimal place${fraction.length === 1 ? '' : 's'}; at most ${rules.maxScale} allowed here`;
  }
  return undefined;
}

/** The specific reason a string is not a plain decimal, for the client to fix. */
function notPlainDecimal(value: string): string {
  const shown = quoteValue(value);
  if (value === '') return 'must not be empty; write the amount as a decimal string such as "1250.00"';
  if (/^[+-]?(nan|inf(inity)?)$/i.test(value.trim())) return `${shown} is not a finite number`;
  if (/\s/.test(value)) return `${shown} contains whitespace`;
  if (/^[+-]?[0-9.]*[eE][+-]?[0-9]*$/.test(value)) return `${shown} uses exponent notation; write all digits, e.g. "1000.00"`;
  if (value.startsWith('+')) return `${shown} has a "+" sign; positive amounts are written without a sign`;
  if (/[,_'\u2019]/.test(value)) return `${shown} contains a thousands or decimal separator other than "."; write e.g. "1000.00"`;
  if (/^-?\./.test(value)) return `${shown} has no digit before "."; write e.g. "0.50"`;
  if (/^-?[0-9]+\.$/.test(value)) return `${shown} has no digit after "."; write e.g. "5" or "5.00"`;
  if (/^-?0[0-9]/.test(value)) return `${shown} has leading zeros`;
  return `${shown} is not a plain decimal (digits, an optional "-", "." and fraction digits)`;
}
