// Money for display, from the API's exact decimal strings: "€1,234,567.89", "-¥1", "CHF 0.00".
// Digits are rounded and grouped on the string itself; Intl is asked only for the currency's
// symbol, its number of minor digits and where the locale puts symbol, sign and separators.
import { roundDecimal } from './decimal-string.ts';

interface CurrencyLayout {
  /** Minor-unit digits the currency is shown with (EUR 2, JPY 0, BHD 3). */
  digits: number;
  group: string;
  decimal: string;
  /** The locale's pattern: sign, currency, number and literal parts in order. */
  parts: { type: 'sign' | 'currency' | 'number' | 'literal'; value: string }[];
}

const layouts = new Map<string, CurrencyLayout>();

function layoutFor(currency: string, locale: string): CurrencyLayout {
  const key = `${locale}|${currency}`;
  const cached = layouts.get(key);
  if (cached) return cached;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // A sample with a sign, grouping and a fraction shows every piece of the pattern.
  const sample = format.formatToParts(-1234567.5);
  const layout: CurrencyLayout = { digits, group: ',', decimal: '.', parts: [] };
  for (const part of sample) {
    if (part.type === 'group') layout.group = part.value;
    else if (part.type === 'decimal') layout.decimal = part.value;
    if (part.type === 'minusSign') layout.parts.push({ type: 'sign', value: '-' });
    else if (part.type === 'currency') layout.parts.push({ type: 'currency', value: part.value });
    else if (part.type === 'literal') layout.parts.push({ type: 'literal', value: part.value });
    else if (layout.parts.at(-1)?.type !== 'number') layout.parts.push({ type: 'number', value: '' });
  }
  layouts.set(key, layout);
  return layout;
}

function groupDigits(whole: string, separator: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

export interface MoneyFormatOptions {
  locale?: string;
}

const currencyCode = /^[A-Z]{3}$/;

/**
 * Formats an exact decimal amount in its currency, rounded half away from zero to the
 * currency's minor unit. An amount that is not a decimal string is shown as received.
 */
export function formatMoney(amount: string, currency: string, options: MoneyFormatOptions = {}): string {
  const locale = options.locale ?? 'en-GB';
  let rounded: ReturnType<typeof roundDecimal>;
  let layout: CurrencyLayout;
  try {
    layout = layoutFor(currencyCode.test(currency) ? currency : 'XXX', locale);
    rounded = roundDecimal(amount, layout.digits);
  } catch {
    return `${amount} ${currency}`.trim();
  }
  const number = `${groupDigits(rounded.whole, layout.group)}${layout.digits > 0 ? `${layout.decimal}${rounded.fraction}` : ''}`;
  const symbolOf = (value: string) => (currencyCode.test(currency) ? value : currency);
  const text = layout.parts
    .map((part) => (part.type === 'sign' ? (rounded.negative ? '-' : '') : part.type === 'currency' ? symbolOf(part.value) : part.type === 'number' ? number : part.value))
    .join('');
  return text.trim();
}

/** A money amount that may be missing (null: not known, e.g. no rate). */
export function formatMaybeMoney(amount: string | null | undefined, currency: string, options?: MoneyFormatOptions): string {
  return amount === null || amount === undefined || amount === '' ? '—' : formatMoney(amount, currency, options);
}
