// The generator streams: producing 200k records does not hold them in memory.
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../simulator/generator.ts';
import { monday } from './sample.ts';

describe('generateEvents memory', () => {
  it('streams 200k records without holding them: heap growth stays under 200 MB', () => {
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let count = 0;
    for (const record of generateEvents({ seed: 42, start: monday, days: 120 })) {
      if (record.at < 0) throw new Error('unreachable');
      if (++count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (count >= 200_000) break;
    }
    expect(count).toBe(200_000);
    expect((peak - baseline) / 1e6).toBeLessThan(200);
  });
});
