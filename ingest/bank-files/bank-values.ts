// Reading amounts, currencies, dates and free text out of bank files, exactly: amounts stay
// decimal strings and are summed as BigInt units of 10^-5 (the finest ISO 20022 amount).
// Every refusal names where the value was found.
import { currencyProblem, minorUnits } from '../events/money.ts';
import { BankFileRefusal } from './bank-file-model.ts';

/** ISO 20022 amounts have at most 18 digits, 5 of them after the point. */
const unitScale = 5;
const isoAmountPattern = /^0*([0-9]{1,18}?)(?:\.([0-9]{1,5}))?$/;

/** A non-negative ISO 20022 amount as a plain decimal string without leading zeros. */
export function isoAmount(text: string, path: string): string {
  const m = isoAmountPattern.exec(text.trim());
  if (!m || text.trim() === '') throw new BankFileRefusal(path, `"${text.slice(0, 40)}" is not an amount (digits, optional "." and up to 5 decimals)`);
  const integer = m[1] === '' ? '0' : m[1]!;
  return m[2] ? `${integer}.${m[2]}` : integer;
}

/** The amount with trailing zero decimals beyond the currency's minor unit removed ("20.0000" USD → "20.00"). */
export function ledgerAmount(amount: string, currency: string): string {
  const scale = minorUnits(currency) ?? 4;
  const [integer, fraction = ''] = amount.split('.');
  let digits = fraction;
  while (digits.length > scale && digits.endsWith('0')) digits = digits.slice(0, -1);
  const sign = integer!.startsWith('-') ? '-' : '';
  const unsigned = integer!.replace('-', '');
  if (sign && /^0*$/.test(unsigned + digits)) return digits ? `0.${digits}` : '0';
  return digits ? `${sign}${unsigned}.${digits}` : `${sign}${unsigned}`;
}

/** Exact units of 10^-5 for a decimal string (signed allowed). */
export function toUnits(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [integer, fraction = ''] = amount.replace('-', '').split('.');
  const units = BigInt(integer!) * 10n ** BigInt(unitScale) + BigInt((fraction + '00000').slice(0, unitScale));
  return negative ? -units : units;
}

/**
 * Units of a control sum, which may carry more decimals than an amount; null when it is not
 * a decimal or has non-zero digits beyond 10^-5 (no sum of amounts can equal it then).
 */
export function controlSumUnits(text: string): bigint | null {
  const m = /^(\d{1,18})(?:\.(\d+))?$/.exec(text);
  if (!m || !/^0*$/.test((m[2] ?? '').slice(unitScale))) return null;
  return toUnits(`${m[1]}.${(m[2] ?? '').slice(0, unitScale) || '0'}`);
}

/** A decimal string for units of 10^-5, with at least two decimals ("8800.50", "-12.00"). */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(unitScale);
  let fraction = (abs % base).toString().padStart(unitScale, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${abs / base}.${fraction}`;
}

/** An ISO 4217 code a ledger books. */
export function isoCurrency(text: string, path: string): string {
  const code = text.trim();
  const problem = currencyProblem(code);
  if (problem) throw new BankFileRefusal(path, problem);
  return code;
}

/** A calendar date YYYY-MM-DD (an ISO date with a zone offset keeps its calendar date). */
export function isoDate(text: string, path: string): string {
  const date = text.trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !realDate(date)) throw new BankFileRefusal(path, `"${text.slice(0, 40)}" is not a date YYYY-MM-DD`);
  return date;
}

/** An RFC 3339 timestamp; an ISO 20022 local time without offset is taken as UTC. */
export function isoDateTime(text: string, path: string): string {
  const value = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m || !realDate(m[1]!) || Number.isNaN(Date.parse(`${m[1]}T${m[2]}Z`))) {
    throw new BankFileRefusal(path, `"${value.slice(0, 40)}" is not a date-time such as 2026-11-20T10:15:00Z`);
  }
  return m[4] ? value : `${value}Z`;
}

/** Midnight UTC of a date, as the business time of date-only facts. */
export function startOfDay(date: string): string {
  return `${date}T00:00:00Z`;
}

function realDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** Free text on one line: control characters and line breaks become spaces, runs of spaces one. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s{2,}/g, ' ').trim();
}

/**
 * Joins remittance lines. Banks cut long text into fixed-width lines (35 or 140 characters in
 * ISO 20022, 65 in MT940), often mid-word; a full line continues without a space, shorter
 * lines are separate phrases.
 */
export function joinRemittance(lines: readonly string[], widths: readonly number[] = [35, 140]): string {
  let out = '';
  lines.forEach((raw, i) => {
    const previous = lines[i - 1];
    if (previous !== undefined) {
      const fixedWidth = widths.includes(previous.length) && !/\s$/.test(previous);
      out += fixedWidth ? '' : ' ';
    }
    out += raw.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
  });
  return oneLine(out);
}

/** Cuts text to a column's sensible limit so one hostile value cannot bloat rows. */
export function capText(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
