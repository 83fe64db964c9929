// Invoice numbers as suppliers print them (each country its own habit), structured creditor
// references for European suppliers, and the slightly-off variant a second capture of the
// same invoice tends to carry — the raw material for duplicate-payment detection.
import { creditorReference } from '../company/bank-references.ts';
import type { Counterparty } from '../company/counterparties.ts';
import type { Rng } from '../company/prng.ts';

const sepaCountries = new Set(['DE', 'NL', 'FR', 'FI', 'BE', 'AT', 'ES', 'PT', 'SK', 'GR']);

/** The supplier's invoice number, or for some SEPA suppliers an RF creditor reference. */
export function supplierReference(rng: Rng, supplier: Counterparty, year: number): string {
  const n = rng.int(1_000, 999_999);
  if (sepaCountries.has(supplier.country) && rng.chance(0.4)) return creditorReference(`${year % 100}${n}${rng.int(100, 999)}`);
  switch (supplier.country) {
    case 'DE':
    case 'CH':
      return `RE-${year}-${n}`;
    case 'JP':
      return `No.${year}${String(n).padStart(6, '0')}`;
    case 'FR':
      return `FA${year}/${n}`;
    case 'US':
      return `INV${n}`;
    default:
      return `INV-${year}-${String(n).padStart(6, '0')}`;
  }
}

/** A near-identical rendering of a reference: what a second, manual capture often looks like. */
export function nearDuplicateReference(rng: Rng, reference: string): string {
  const variants = [
    () => reference.replace(/[-/ .]/g, ''),
    () => reference.toLowerCase(),
    () => `${reference} `.trimEnd().replace(/(\d)(\d)$/, '$2$1'),
    () => reference.replace(/(\d+)$/, (digits) => `0${digits}`),
    () => reference.replace(/-/g, ' '),
  ];
  for (let attempt = 0; attempt < 5; attempt++) {
    const variant = rng.pick(variants)();
    if (variant !== reference) return variant;
  }
  return `${reference}-1`;
}
