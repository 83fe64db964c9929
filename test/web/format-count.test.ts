// formatCount: digit grouping of decimal-string counts without float rounding.
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../web/src/components/format-count.ts';

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount('1234567', 'en-US')).toBe('1,234,567');
    expect(formatCount('999', 'en-US')).toBe('999');
    expect(formatCount('0', 'en-US')).toBe('0');
  });

  it('keeps every digit of counts beyond 2^53', () => {
    // 2^53 + 1 would print as ...992 through a float.
    expect(formatCount('9007199254740993', 'en-US')).toBe('9,007,199,254,740,993');
  });

  it('follows the locale’s grouping', () => {
    expect(formatCount('1234567', 'de-DE')).toBe('1.234.567');
  });

  it('rejects anything that is not a decimal integer', () => {
    for (const bad of ['', '1.5', '1e6', ' 12', 'abc']) expect(() => formatCount(bad, 'en-US')).toThrow(RangeError);
  });
});
