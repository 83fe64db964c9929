// The player's two phases against a scripted ingest: history first, then live records as
// the clock reaches them. The clock runs an hour per real second so live is quick to see.
import { afterEach, describe, expect, it } from 'vitest';
import { play } from '../../simulator/player.ts';
import { fakeIngest, type FakeIngest } from './fake-ingest.ts';

let ingest: FakeIngest;
afterEach(() => ingest.close());

describe('player phases', () => {
  it('sends the backfill in full batches, then goes live and sends records as their time comes', async () => {
    ingest = await fakeIngest([], { status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } });
    const realStart = Date.now();
    const simulatedStart = Date.parse('2026-03-03T09:00:00Z');
    const now = () => simulatedStart + (Date.now() - realStart) * 3_600;
    const messages: Array<{ msg: string; obj: Record<string, unknown> }> = [];
    const log = { info: (obj: object, msg: string) => messages.push({ msg, obj: obj as Record<string, unknown> }), warn: () => undefined };
    // Stop once a few live requests have gone out (or after a generous timeout).
    const stop = new AbortController();
    const deadline = Date.now() + 8_000;
    let liveAt = 0;
    const watch = setInterval(() => {
      if (liveAt === 0 && messages.some((m) => m.msg === 'backfill sent; now live')) liveAt = Date.now();
      const requestsSinceLive = liveAt > 0 ? ingest.received.filter((r) => r.atMs > liveAt).length : 0;
      if (requestsSinceLive >= 3 || Date.now() > deadline) stop.abort();
    }, 20);
    const stats = await play({ ingestUrl: ingest.url, apiKey: 'k', seed: 42, rate: 10_000, backfillDays: 1, documentsPerDay: 40, batchSize: 100, log, now, signal: stop.signal });

    clearInterval(watch);
    const live = messages.findIndex((m) => m.msg === 'backfill sent; now live');
    expect(live).toBeGreaterThan(0);
    const sentInBackfill = messages[live]!.obj.sent as number;
    expect(stats.sent).toBeGreaterThan(sentInBackfill);
    expect(stats.phase).toBe('stopped');
    const eventRequests = ingest.received.filter((r) => r.path === '/v1/events');
    expect(eventRequests[0]!.body.trim().split('\n')).toHaveLength(100);
    // Live records go out once the (fast) clock has reached them: nothing sent is from the future.
    const sentAt = eventRequests.at(-1)!.atMs;
    const simulatedSentAt = simulatedStart + (sentAt - realStart) * 3_600;
    for (const line of eventRequests.at(-1)!.body.trim().split('\n')) {
      const time = parseTime(line);
      if (time !== undefined) expect(time).toBeLessThanOrEqual(simulatedSentAt);
    }
  });
});

function parseTime(line: string): number | undefined {
  try {
    const time = Date.parse((JSON.parse(line) as { time?: string }).time ?? '');
    return Number.isFinite(time) ? time : undefined;
  } catch {
    return undefined;
  }
}
