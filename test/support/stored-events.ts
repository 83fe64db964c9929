// What ClickHouse holds of the finance events whose ids start with a test's prefix: distinct
// identities, rows after FINAL (what every query counts), raw rows (physical duplicates
// not yet merged away) and the acknowledged ids that are missing.
import type { ClickHouseClient } from '@clickhouse/client';

export interface StoredEvents {
  identities: number;
  finalRows: number;
  rawRows: number;
  /** Expected ids with no row at all. */
  missing: string[];
}

export async function storedEvents(ch: ClickHouseClient, idPrefix: string, expected: Iterable<string> = []): Promise<StoredEvents> {
  const where = 'startsWith(id, {prefix:String})';
  const counts = await ch.query({
    query: `SELECT uniqExact(source, id) AS identities, count() AS rawRows FROM finance_events WHERE ${where}`,
    query_params: { prefix: idPrefix },
    format: 'JSONEachRow',
  });
  const [row] = await counts.json<{ identities: string; rawRows: string }>();
  const final = await ch.query({ query: `SELECT count() AS n FROM finance_events FINAL WHERE ${where}`, query_params: { prefix: idPrefix }, format: 'JSONEachRow' });
  const [finalRow] = await final.json<{ n: string }>();
  const ids = await ch.query({ query: `SELECT DISTINCT id FROM finance_events WHERE ${where}`, query_params: { prefix: idPrefix }, format: 'JSONEachRow' });
  const present = new Set((await ids.json<{ id: string }>()).map((r) => r.id));
  return {
    identities: Number(row!.identities),
    finalRows: Number(finalRow!.n),
    rawRows: Number(row!.rawRows),
    missing: [...expected].filter((id) => !present.has(id)),
  };
}

/**
 * Polls until every expected id is stored and the counts hold still across two polls (rows
 * still being flushed would otherwise make the separate counts disagree); returns that count.
 */
export async function waitUntilStored(ch: ClickHouseClient, idPrefix: string, expected: Set<string>, timeoutMs: number): Promise<StoredEvents> {
  const deadline = Date.now() + timeoutMs;
  let previous: StoredEvents | undefined;
  for (;;) {
    const stored = await storedEvents(ch, idPrefix, expected).catch(() => undefined);
    const settled = stored && previous && stored.missing.length === 0 && sameCounts(stored, previous);
    if (settled || Date.now() > deadline) return stored ?? storedEvents(ch, idPrefix, expected);
    previous = stored;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const sameCounts = (a: StoredEvents, b: StoredEvents) => a.identities === b.identities && a.finalRows === b.finalRows && a.rawRows === b.rawRows;
