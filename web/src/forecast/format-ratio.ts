// A ratio from the API as a decimal string ("0.1234") shown as a percentage ("12.34%") by
// moving the decimal point on the string itself; null (undefined ratio) reads "—".
import { roundDecimal, parseDecimal, toDecimalString } from '../money/decimal-string.ts';

export function formatRatioPercent(ratio: string | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  try {
    const value = parseDecimal(ratio);
    // ×100 is two places less scale.
    const percent = value.scale >= 2 ? toDecimalString({ units: value.units, scale: value.scale - 2 }) : toDecimalString({ units: value.units * 10n ** BigInt(2 - value.scale), scale: 0 });
    const { negative, whole, fraction } = roundDecimal(percent, digits);
    return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}%`;
  } catch {
    return ratio;
  }
}
