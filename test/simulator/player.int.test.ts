// The player against a real ingest (ClickHouse + PostgreSQL): history goes in, every
// malformed record is refused, and a restart resends identical history as duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { play, type PlayerOptions } from '../../simulator/player.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
beforeAll(async () => {
  ingest = await startTestIngest();
});
afterAll(() => ingest?.close());

const silent = { info: () => undefined, warn: () => undefined };
const options = (): PlayerOptions => ({
  ingestUrl: ingest.url,
  apiKey: ingest.key,
  seed: 42,
  rate: 1_000,
  backfillDays: 1,
  documentsPerDay: 60,
  batchSize: 400,
  backfillOnly: true,
  log: silent,
  // A fixed "now" (a Tuesday afternoon), so both runs replay the same history.
  now: () => Date.parse('2026-03-03T15:00:00Z'),
});

async function count(query: string): Promise<number> {
  const rs = await ingest.clickhouse.ch.query({ query, format: 'JSONEachRow' });
  const [row] = await rs.json<{ n: string }>();
  return Number(row!.n);
}

describe('player against ingest', () => {
  it('sends the backfill; ingest stores the events, refuses exactly the malformed records and finds the redeliveries', async () => {
    const stats = await play(options());
    expect(stats.sent).toBeGreaterThan(500);
    expect(stats.refused).toBe(0);
    expect(stats.rejected).toBe(stats.malformed);
    expect(stats.duplicates).toBe(stats.redelivered);
    expect(stats.accepted + stats.duplicates + stats.rejected).toBe(stats.sent);
    expect(stats.spansSent).toBeGreaterThan(0);
    await ingest.drained();
    expect(await count('SELECT uniqExact(source, id) AS n FROM finance_events')).toBe(stats.accepted);
    expect(await count("SELECT count() AS n FROM quarantine WHERE channel = 'events'")).toBe(stats.malformed);
    expect(await count('SELECT uniqExact(trace_id, span_id) AS n FROM spans')).toBe(stats.spansSent);
  });

  it('resends identical history after a restart, which ingest counts as duplicates only', async () => {
    const again = await play(options());
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(again.sent - again.malformed);
  });
});
