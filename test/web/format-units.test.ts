// Sizes, durations and ages in the units people read.
import { describe, expect, it } from 'vitest';
import { formatAge } from '../../web/src/components/format-age.ts';
import { formatBytes } from '../../web/src/components/format-bytes.ts';
import { formatDuration } from '../../web/src/components/format-duration.ts';

describe('formatBytes', () => {
  it('uses binary units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB');
  });

  it('shows a dash for values that are not sizes', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks the unit that reads best', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(692.6)).toBe('693 ms');
    expect(formatDuration(1669)).toBe('1.7 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3 * 3_600_000 + 10 * 60_000)).toBe('3 h 10 min');
  });
});

describe('formatAge', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0);
  it('says how long ago, coarsely', () => {
    expect(formatAge(now - 30_000, now)).toBe('just now');
    expect(formatAge(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAge(now - 2 * 86_400_000, now)).toBe('2 d ago');
  });

  it('reads a future time (clock skew) as just now', () => {
    expect(formatAge(now + 60_000, now)).toBe('just now');
  });
});
