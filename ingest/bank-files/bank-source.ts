// The CloudEvents source of what a bank file says: bank/<BIC>, else bank/<bank name or
// bank-scheme id>, else bank/unknown, so API keys can be scoped to banks (bank/*).
import { oneLine } from './bank-values.ts';

/** bank/<BIC> when a BIC is known, otherwise a slug of the bank's name or id, otherwise bank/unknown. */
export function bankSource(bic: string, name = ''): string {
  const code = bic.trim().toUpperCase();
  if (/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(code)) return `bank/${code}`;
  const slug = oneLine(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug ? `bank/${slug}` : 'bank/unknown';
}
