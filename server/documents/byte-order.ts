// Strings in the order ClickHouse sorts them: by UTF-8 bytes, which is code point order.
// JavaScript compares UTF-16 code units, which differs only where a character beyond the
// Basic Multilingual Plane (a surrogate pair, 0xD800–0xDFFF) meets one of 0xE000–0xFFFF;
// shifting those two ranges past each other restores code point order.
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** Tuples element by element (numbers numerically, strings by bytes), as ClickHouse compares them. */
export function compareTuples(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareBytes(String(x), String(y));
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
