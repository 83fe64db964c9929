// Exact-decimal money and ISO 4217 currency checks. Amounts stay strings from the wire to
// ClickHouse; this module only decides whether a string is an acceptable amount.
import currencyCodes from 'currency-codes';

/** Codes ISO 4217 reserves for testing, precious metals and "no currency": not money a ledger books. */
const notLedgerCurrencies = new Set(['XXX', 'XTS', 'XAU', 'XAG', 'XPT', 'XPD', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA']);

/** Minor-unit digits of an ISO 4217 currency, or undefined if the code is not a ledger currency. */
export function minorUnits(code: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(code) || notLedgerCurrencies.has(code)) return undefined;
  return currencyCodes.code(code)?.digits;
}

const decimalPattern = /^(-?)(0|[1-9][0-9]{0,17})(?:\.([0-9]+))?$/;

export interface AmountRules {
  /** Negative amounts are allowed (balances); otherwise direction comes from the event type. */
  signed?: boolean;
  /** Maximum decimal places; from the currency when the amount is money. */
  maxScale: number;
}

/** Returns a reason the string is not an acceptable amount, or undefined if it is. */
export function amountProblem(value: unknown, rules: AmountRules): string | undefined {
  if (typeof value !== 'string') {
    return `must be a decimal string such as "1250.00" (got ${value === null ? 'null' : typeof value}); numbers lose cents in JSON`;
  }
  const m = decimalPattern.exec(value);
  if (!m) return `"${truncate(value)}" is not a plain decimal (digits, optional "." and fraction; no exponent, NaN, spaces or thousands separators; at most 18 integer digits)`;
  const [, sign, integer, fraction = ''] = m;
  if (sign === '-' && !rules.signed) return 'must not be negative; the event type carries the direction';
  if (sign === '-' && /^0*$/.test(integer! + fraction)) return 'negative zero is not an amount';
  if (fraction.length > rules.maxScale) {
    return `has ${fraction.length} decimal places; at most ${rules.maxScale} allowed here`;
  }
  return undefined;
}

export function truncate(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
