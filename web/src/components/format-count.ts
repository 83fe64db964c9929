// Counts arrive as decimal strings (64-bit in the warehouse); format them through BigInt so
// no digit is ever rounded by a float.

const decimalInteger = /^-?\d+$/;

/** True when value is a plain base-10 integer such as "0", "42" or "-7". */
export function isDecimalInteger(value: string): boolean {
  return decimalInteger.test(value);
}

/** Groups the digits of a decimal integer string for display, e.g. "1234567" → "1,234,567". */
export function formatCount(value: string, locale?: string): string {
  if (!isDecimalInteger(value)) throw new RangeError(`formatCount expects a decimal integer string, got ${JSON.stringify(value)}`);
  return new Intl.NumberFormat(locale, { useGrouping: true }).format(BigInt(value));
}
