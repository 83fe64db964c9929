// A sort key for a decimal string that compares exactly (a BigInt of 10^-8 units); null for
// a missing or malformed amount, which tables sort last.
import { parseDecimal } from './decimal-string.ts';

const sortScale = 8;

export function decimalSortKey(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined || text === '') return null;
  try {
    const value = parseDecimal(text);
    return value.scale <= sortScale ? value.units * 10n ** BigInt(sortScale - value.scale) : value.units / 10n ** BigInt(value.scale - sortScale);
  } catch {
    return null;
  }
}
