// integration.ingestHealth → the integration health page: exact counts, stale feeds, instance figures, links.
import { describe, expect, it } from 'vitest';
import { isQuiet, STALE_FEED_AFTER_MS } from '../../web/src/integration/feed-staleness.ts';
import { toIngestHealthView } from '../../web/src/integration/ingest-health-view.ts';
import { quarantineSearch } from '../../web/src/integration/quarantine-link.ts';

const now = Date.UTC(2026, 10, 26, 12, 0);
const source = (name: string, lastSeen: string, accepted = '10', rejected = '1', duplicates = '0') => ({ source: name, accepted, rejected, duplicates, last_seen: lastSeen });
const health = {
  window: { from: '2026-11-25 12:00:00.000', to: '2026-11-26 12:01:00.000' },
  sources: [
    source('ap/coupa-eu', '2026-11-26 11:59:30.000', '9007199254740993', '18', '21'),
    source('bank/ing', '2026-11-26 10:30:00.000', '5', '0'),
    source('(unverified)', '2026-11-26 11:00:00.000', '0', '9'),
  ],
  instances: [{ instance: 'vm:20225', spool_bytes: 1536, lag_ms: 1669, flush_avg_ms: 692.625, flush_max_ms: 1669, last_report: '2026-11-26 11:50:00.000' }],
};

describe('toIngestHealthView', () => {
  const view = toIngestHealthView(health, now, 'en-US');

  it('keeps every count exact and totals them without a float', () => {
    expect(view.sources[0]!.accepted).toEqual({ value: 9007199254740993n, text: '9007199254740993', label: '9,007,199,254,740,993' });
    expect(view.totals.accepted.text).toBe('9007199254740998');
    expect(view.totals.rejected.label).toBe('27');
  });

  it('flags a feed silent for more than the threshold as stale, with when it was last seen', () => {
    expect(view.sources.map((s) => [s.source, s.stale])).toEqual([
      ['ap/coupa-eu', false],
      ['bank/ing', true],
      ['(unverified)', false],
    ]);
    expect(view.sources[1]).toMatchObject({ lastSeenLabel: '26 Nov 2026, 10:30 UTC', ageLabel: '1 h ago' });
  });

  it('treats a feed never seen as stale', () => {
    expect(toIngestHealthView({ ...health, sources: [source('x', '')] }, now).sources[0]).toMatchObject({ stale: true, lastSeenLabel: 'never' });
  });

  it('formats instance figures and flags an instance that stopped reporting', () => {
    expect(view.instances[0]).toMatchObject({ spoolLabel: '1.5 KiB', lagLabel: '1.7 s', flushAvgLabel: '693 ms', flushMaxLabel: '1.7 s', silent: true, ageLabel: '10 min ago' });
  });

  it('shows the window as one range with the zone', () => {
    expect(view.windowLabel).toBe('25 Nov 2026, 12:00 – 26 Nov 2026, 12:01 UTC');
  });

  it('fails on a count that is not a whole number, naming the source', () => {
    expect(() => toIngestHealthView({ ...health, sources: [source('bank/ing', '2026-11-26 10:30:00.000', '1e+21')] }, now)).toThrow(/bank\/ing/);
  });
});

describe('isQuiet', () => {
  it('is false up to the threshold and true beyond it', () => {
    expect(isQuiet(now - STALE_FEED_AFTER_MS, now, STALE_FEED_AFTER_MS)).toBe(false);
    expect(isQuiet(now - STALE_FEED_AFTER_MS - 1, now, STALE_FEED_AFTER_MS)).toBe(true);
  });
});

describe('quarantineSearch', () => {
  const current = new URLSearchParams('period=7d&entity=DE01&sort=accepted:desc');

  it('links to the source’s records, keeping the global filters', () => {
    expect(quarantineSearch(current, 'ap/coupa-eu')).toBe('?entity=DE01&period=7d&source=ap%2Fcoupa-eu');
  });

  it('links records whose source is unverified to the whole quarantine', () => {
    expect(quarantineSearch(current, '(unverified)')).toBe('?entity=DE01&period=7d');
    expect(quarantineSearch(new URLSearchParams(), '')).toBe('');
  });
});
