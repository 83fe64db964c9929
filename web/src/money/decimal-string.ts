// Exact arithmetic on decimal strings ("1234.5600", "-0.5") for the dashboard: parse into a
// scaled BigInt, add, compare and round, without ever going through a JS float.

/** A decimal as an integer number of 10^-scale units. */
export interface ScaledDecimal {
  units: bigint;
  scale: number;
}

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/;

export function isDecimalString(text: string): boolean {
  return decimalPattern.test(text.trim());
}

/** Parses "-1234.56" into units and scale; throws on anything else (exponents included). */
export function parseDecimal(text: string): ScaledDecimal {
  const match = decimalPattern.exec(text.trim());
  if (match === null) throw new RangeError(`expected a decimal string such as "1234.56", got ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: ScaledDecimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** The exact sum as a decimal string, at the larger scale of the inputs ("0" for none). */
export function addDecimals(values: readonly string[]): string {
  const parsed = values.map(parseDecimal);
  const scale = Math.max(0, ...parsed.map((v) => v.scale));
  const units = parsed.reduce((sum, v) => sum + rescale(v, scale), 0n);
  return toDecimalString({ units, scale });
}

/** -1, 0 or 1, exactly. */
export function compareDecimals(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const diff = rescale(x, scale) - rescale(y, scale);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

export function toDecimalString({ units, scale }: ScaledDecimal): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Rounds half away from zero to `digits` fraction digits; returns the digits without a sign, and the sign. */
export function roundDecimal(text: string, digits: number): { negative: boolean; whole: string; fraction: string } {
  const value = parseDecimal(text);
  let magnitude = value.units < 0n ? -value.units : value.units;
  if (value.scale > digits) {
    const divisor = 10n ** BigInt(value.scale - digits);
    const remainder = magnitude % divisor;
    magnitude = magnitude / divisor + (remainder * 2n >= divisor ? 1n : 0n);
  } else {
    magnitude *= 10n ** BigInt(digits - value.scale);
  }
  const padded = magnitude.toString().padStart(digits + 1, '0');
  return {
    negative: value.units < 0n && magnitude !== 0n,
    whole: padded.slice(0, padded.length - digits),
    fraction: digits > 0 ? padded.slice(padded.length - digits) : '',
  };
}
