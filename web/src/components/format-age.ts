// "5 min ago": how long since something happened, coarse enough to read at a glance.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Time from `thenMs` to `nowMs` in words; a time in the future (clock skew) reads "just now". */
export function formatAge(thenMs: number, nowMs: number): string {
  const elapsed = nowMs - thenMs;
  if (elapsed < minute) return 'just now';
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} min ago`;
  if (elapsed < day) return `${Math.floor(elapsed / hour)} h ago`;
  return `${Math.floor(elapsed / day)} d ago`;
}
