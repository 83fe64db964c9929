// Same seed, same company: the stream is reproducible, and independent of the window length.
import { describe, expect, it } from 'vitest';
import { firstRecords } from './sample.ts';

describe('generateEvents determinism', () => {
  it('produces the same first 1000 records for the same seed', () => {
    expect(JSON.stringify(firstRecords(1000))).toBe(JSON.stringify(firstRecords(1000)));
  });

  it('produces a different company for a different seed', () => {
    expect(JSON.stringify(firstRecords(200, { seed: 7 }))).not.toBe(JSON.stringify(firstRecords(200)));
  });

  it('gives a document the same events whatever the window length, so a restart resends identical history', () => {
    const short = firstRecords(2000, { days: 2 });
    const long = firstRecords(2000, { days: 30 });
    expect(JSON.stringify(long)).toBe(JSON.stringify(short));
  });
});
