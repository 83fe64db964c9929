// Warehouse timestamps → readable dates with the zone shown.
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatWarehouseTime, parseWarehouseTime } from '../../web/src/components/format-date-time.ts';

describe('parseWarehouseTime', () => {
  it('reads ClickHouse DateTime64(3) text as UTC', () => {
    expect(parseWarehouseTime('2026-11-26 06:29:15.930')).toBe(Date.UTC(2026, 10, 26, 6, 29, 15, 930));
    expect(parseWarehouseTime('2026-11-26 06:29:15')).toBe(Date.UTC(2026, 10, 26, 6, 29, 15));
  });

  it('returns null for anything else', () => {
    for (const bad of ['', 'yesterday', '2026-11-26', '26/11/2026 06:29:15']) expect(parseWarehouseTime(bad)).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('shows day, short month, year, 24-hour time and the zone', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 26, 6, 29, 59))).toBe('26 Nov 2026, 06:29 UTC');
    expect(formatDateTime(Date.UTC(2026, 10, 26, 18, 5, 7), { seconds: true })).toBe('26 Nov 2026, 18:05:07 UTC');
  });

  it('shows another zone by its name', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 26, 6, 29), { timeZone: 'Europe/Berlin' })).toBe('26 Nov 2026, 07:29 Europe/Berlin');
  });
});

describe('formatWarehouseTime', () => {
  it('formats warehouse text and leaves unreadable text as received', () => {
    expect(formatWarehouseTime('2026-11-26 06:29:15.930')).toBe('26 Nov 2026, 06:29 UTC');
    expect(formatWarehouseTime('not a time')).toBe('not a time');
  });
});
