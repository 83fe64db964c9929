// The cache behind "now" views: fresh results are reused, stale ones are served while one
// shared refresh runs, too-old ones are recomputed first, failures do not poison it.
import { expect, it } from 'vitest';
import { LatestResultCache } from '../../server/metrics/snapshots/latest-result-cache.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

it('serves a fresh result without recomputing, and shares one computation between callers', async () => {
  const c = clock();
  const cache = new LatestResultCache<number>({ freshMs: 1_000, maxStaleMs: 10_000 }, c.now);
  let calls = 0;
  const compute = async () => ++calls;
  const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
  expect([a.result, b.result, calls]).toEqual([1, 1, 1]);
  c.advance(999);
  expect((await cache.get('k', compute)).result).toBe(1);
  expect(calls).toBe(1);
  expect((await cache.get('other', compute)).result).toBe(2);
});

it('serves a stale result while refreshing in the background, then the new one', async () => {
  const c = clock();
  const cache = new LatestResultCache<string>({ freshMs: 1_000, maxStaleMs: 10_000 }, c.now);
  let release!: () => void;
  await cache.get('k', async () => 'first');
  c.advance(5_000);
  const gate = new Promise<void>((r) => (release = r));
  const stale = await cache.get('k', async () => {
    await gate;
    return 'second';
  });
  expect(stale.result).toBe('first');
  release();
  await new Promise((r) => setTimeout(r, 0));
  expect((await cache.get('k', async () => 'third')).result).toBe('second');
});

it('recomputes before answering when the result is too old, and survives a failed refresh', async () => {
  const c = clock();
  const cache = new LatestResultCache<string>({ freshMs: 1_000, maxStaleMs: 10_000 }, c.now);
  await cache.get('k', async () => 'old');
  c.advance(5_000);
  expect((await cache.get('k', async () => Promise.reject(new Error('down')))).result).toBe('old');
  await new Promise((r) => setTimeout(r, 0));
  c.advance(20_000);
  await expect(cache.get('k', async () => Promise.reject(new Error('still down')))).rejects.toThrow('still down');
  const next = await cache.get('k', async () => 'new');
  expect(next).toEqual({ result: 'new', computedAt: c.now() });
});
