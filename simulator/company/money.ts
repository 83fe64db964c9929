// Exact money for the simulated company: amounts are bigint minor units from the moment
// they are sampled, and become decimal strings with the currency's scale on the wire.
import type { Rng } from './prng.ts';

export type CurrencyCode = 'EUR' | 'GBP' | 'USD' | 'JPY';

/** ISO 4217 minor-unit digits of the currencies the company books. */
export const currencyScale: Readonly<Record<CurrencyCode, number>> = { EUR: 2, GBP: 2, USD: 2, JPY: 0 };

/** Rough size of one EUR in each currency, only to sample plausible magnitudes. */
const unitsPerEur: Readonly<Record<CurrencyCode, number>> = { EUR: 1, GBP: 0.86, USD: 1.09, JPY: 162 };

/** Renders minor units as a decimal string with exactly the currency's scale. */
export function formatMinor(minor: bigint, currency: CurrencyCode): string {
  const scale = currencyScale[currency];
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** amount × numerator / denominator, rounded half away from zero, in minor units. */
export function proportion(amount: bigint, numerator: bigint, denominator: bigint): bigint {
  const scaled = amount * numerator * 2n;
  const q = scaled / denominator;
  return (q + (q >= 0n ? 1n : -1n)) / 2n;
}

/**
 * A log-uniformly distributed amount between minEur and maxEur (in EUR-equivalent major units),
 * as integer minor units of `currency`; some amounts are round, as real invoices often are.
 * The float only picks a magnitude; it becomes an integer before any money is formed.
 */
export function sampleAmount(rng: Rng, currency: CurrencyCode, minEur: number, maxEur: number): bigint {
  const major = minEur * Math.pow(maxEur / minEur, rng.next()) * unitsPerEur[currency];
  const factor = 10 ** currencyScale[currency];
  if (rng.chance(0.2)) {
    const step = major > 10_000 ? 100 : 10;
    return BigInt(Math.max(1, Math.round(major / step)) * step) * BigInt(factor);
  }
  return BigInt(Math.max(1, Math.round(major * factor)));
}

/** A sum big enough to be a bank balance in this currency, in minor units. */
export function sampleBalance(rng: Rng, currency: CurrencyCode): bigint {
  return sampleAmount(rng, currency, 2_000_000, 12_000_000);
}
