// A bounded memory of recently accepted (source, id) identities, so a redelivery is reported
// as a duplicate and not spooled again. Best effort: exactness downstream comes from
// ClickHouse (identity-keyed tables and queries), not from this cache. A restarted ingest
// seeds it from finance_events (loadRecentIdentities), so redeliveries that follow a restart
// are still answered as duplicates.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, render } from '../../platform/clickhouse/sql-template.ts';

export class RecentIdentities {
  private seen = new Set<string>();
  /**
   * The same identities in the order they were remembered, oldest at `head` once full. The
   * oldest is found here, not through the Set's insertion order: V8 leaves deleted entries at
   * the front of a Set until it rehashes, so `values().next()` walks past every identity
   * forgotten so far, and a full memory got slower with each add (from ~700k adds/s to under
   * 2k/s within 600k adds past capacity).
   */
  private order: string[] = [];
  private head = 0;

  constructor(readonly capacity = 1_000_000) {}

  static key(source: string, id: string): string {
    return `${source}\u0000${id}`;
  }

  get size(): number {
    return this.seen.size;
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  /** Forgets everything, as a restarted ingest would. */
  clear(): void {
    this.seen.clear();
    this.order = [];
    this.head = 0;
  }

  add(key: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.order.length < this.capacity) {
      this.order.push(key);
      return;
    }
    // Full: the oldest makes room, and its slot holds the newest.
    this.seen.delete(this.order[this.head]!);
    this.order[this.head] = key;
    this.head = (this.head + 1) % this.capacity;
  }

  /**
   * Takes over `older`, identities accepted before this process started, oldest first. They
   * count as older than everything added since, so they are the first to be forgotten when
   * full. Takes `older` over as the memory itself (no copy of the Set), plus one pass to
   * record its order.
   */
  seedOlder(older: Set<string>): void {
    const since = [...this.order.slice(this.head), ...this.order.slice(0, this.head)];
    for (const key of since) older.delete(key); // re-added below at its newer position
    const room = Math.max(0, this.capacity - since.length);
    for (const key of older) {
      if (older.size <= room) break;
      older.delete(key);
    }
    for (const key of since) older.add(key);
    this.seen = older;
    this.order = [...older];
    this.head = 0;
  }
}

/**
 * The identities of the most recent deliveries in finance_events, received within `withinMs`
 * before now and at most `limit` of them, as a set in order of receipt (oldest first). Built
 * while the rows stream in, so a large load does not hold the event loop.
 */
export async function loadRecentIdentities(ch: ClickHouseClient, opts: { withinMs: number; limit: number; signal?: AbortSignal }): Promise<Set<string>> {
  const query = chSql`
    SELECT source, id
    FROM (
      SELECT source, id, received_at
      FROM finance_events
      WHERE received_at >= now64(3) - toIntervalMillisecond(${p.uint64(opts.withinMs)})
      ORDER BY received_at DESC
      LIMIT ${p.uint32(opts.limit)}
    )
    ORDER BY received_at`;
  const result = await ch.query({ ...render(query), format: 'JSONCompactEachRow', abort_signal: opts.signal });
  const keys = new Set<string>();
  for await (const rows of result.stream<[string, string]>()) {
    for (const row of rows) {
      const [source, id] = row.json<[string, string]>();
      keys.add(RecentIdentities.key(source, id));
    }
  }
  return keys;
}
