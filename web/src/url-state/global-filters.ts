// The dashboard-wide filters — entity, currency, period — as URL parameters: their names,
// how a typed value is cleaned or refused, and which pages use which.
import { parsePeriod, type Period } from './period.ts';

export const globalFilterKeys = ['entity', 'currency', 'period', 'from', 'to'] as const;
export type GlobalFilterKey = (typeof globalFilterKeys)[number];

/** The filters a page can honour; the header dims the others on that page. */
export type GlobalFilterName = 'entity' | 'currency' | 'period';

export interface GlobalFilters {
  entity?: string;
  currency?: string;
  period: Period;
}

export function parseGlobalFilters(values: { readonly [key in GlobalFilterKey]?: string }): GlobalFilters {
  return {
    entity: cleanEntity(values.entity ?? '').value,
    currency: cleanCurrency(values.currency ?? '').value,
    period: parsePeriod(values),
  };
}

/** A cleaned value, or why the input was refused. Blank input is a cleared filter (value undefined, no problem). */
export interface Cleaned {
  value?: string;
  problem?: string;
}

const entityPattern = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
const currencyPattern = /^[A-Z]{3}$/;

export function cleanEntity(input: string): Cleaned {
  const value = input.trim().toUpperCase();
  if (value === '') return {};
  return entityPattern.test(value) ? { value } : { problem: 'An entity code is letters, digits, "-" or "_", e.g. DE01' };
}

export function cleanCurrency(input: string): Cleaned {
  const value = input.trim().toUpperCase();
  if (value === '') return {};
  return currencyPattern.test(value) ? { value } : { problem: 'A currency is a three-letter ISO 4217 code, e.g. EUR' };
}
