// A bounded memory of recently accepted (source, id) identities, so a redelivery is reported
// as a duplicate and not spooled again. Best effort: exactness downstream comes from
// ClickHouse (identity-keyed tables and queries), not from this cache. A restarted ingest
// seeds it from finance_events (loadRecentIdentities), so redeliveries that follow a restart
// are still answered as duplicates.
//
// Each identity is kept as its 128-bit MD5 digest in typed arrays (an open-addressing table
// and a ring in the order remembered), not as a string in a Set: a million strings are a
// million objects for every full garbage collection to mark, and those pauses (12–20 ms, about
// one a second at 10k events/s) were the tail of ingest's acknowledgement latency. Two
// identities share a digest with probability about 2^-128 per pair; a source could only make
// its own events collide on purpose, which drops nothing it did not choose to drop.
import { hash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, render } from '../../platform/clickhouse/sql-template.ts';

/** An identity's digest: 16 one-byte characters (see RecentIdentities.key). */
export type IdentityKey = string & { readonly __identity: unique symbol };

const LANES = 4;

export class RecentIdentities {
  /**
   * Open addressing with linear probing, at most half full: slot i is lanes [4i, 4i+4), all
   * zero when empty. Sized for the capacity up front (32 MB for a million; pages are committed
   * as they are first written), because rehashing a large table holds the event loop.
   */
  private table: Uint32Array;
  private readonly mask: number;
  /** The same digests in the order remembered, oldest at `head` once full. */
  private ring: Uint32Array;
  private head = 0;
  private count = 0;
  private readonly digest = new Uint32Array(LANES);

  constructor(readonly capacity = 1_000_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, got ${capacity}`);
    this.mask = 2 ** Math.ceil(Math.log2(capacity * 2)) - 1;
    this.table = new Uint32Array((this.mask + 1) * LANES);
    this.ring = new Uint32Array(capacity * LANES);
  }

  static key(source: string, id: string): IdentityKey {
    return hash('md5', `${source}\u0000${id}`, 'binary') as IdentityKey;
  }

  get size(): number {
    return this.count;
  }

  has(key: IdentityKey): boolean {
    this.load(key);
    return this.find(this.digest) >= 0;
  }

  /** Forgets everything, as a restarted ingest would. */
  clear(): void {
    this.table = new Uint32Array(this.table.length);
    this.ring = new Uint32Array(this.ring.length);
    this.head = 0;
    this.count = 0;
  }

  add(key: IdentityKey): void {
    this.load(key);
    this.addDigest(this.digest, 0);
  }

  /**
   * Takes over `older`, identities accepted before this process started, oldest first. They
   * count as older than everything added since, so they are the first to be forgotten when
   * full; an identity in both keeps its newer place.
   */
  seedOlder(older: Set<IdentityKey>): void {
    const since = this.inOrder();
    const kept: IdentityKey[] = [];
    for (const key of older) if (!this.has(key)) kept.push(key);
    const room = Math.max(0, this.capacity - this.count);
    this.clear();
    for (const key of kept.slice(Math.max(0, kept.length - room))) this.add(key);
    for (let i = 0; i < since.length; i += LANES) this.addDigest(since, i);
  }

  /** The key's digest into `this.digest`; an all-zero digest (the empty slot) is nudged to 1. */
  private load(key: IdentityKey): void {
    if (key.length !== 16) throw new Error('an identity key comes from RecentIdentities.key');
    for (let lane = 0; lane < LANES; lane++) {
      const at = lane * 4;
      this.digest[lane] = (key.charCodeAt(at) | (key.charCodeAt(at + 1) << 8) | (key.charCodeAt(at + 2) << 16) | (key.charCodeAt(at + 3) << 24)) >>> 0;
    }
    if ((this.digest[0]! | this.digest[1]! | this.digest[2]! | this.digest[3]!) === 0) this.digest[3] = 1;
  }

  /** The slot holding `d` at lanes [from, from+4), or -1. */
  private find(d: Uint32Array, from = 0): number {
    const t = this.table;
    for (let slot = d[from]! & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * LANES;
      if ((t[at]! | t[at + 1]! | t[at + 2]! | t[at + 3]!) === 0) return -1;
      if (t[at] === d[from] && t[at + 1] === d[from + 1] && t[at + 2] === d[from + 2] && t[at + 3] === d[from + 3]) return slot;
    }
  }

  private addDigest(d: Uint32Array, from: number): void {
    if (this.find(d, from) >= 0) return;
    if (this.count === this.capacity) {
      // Full: the oldest makes room, and its place in the ring holds the newest.
      this.removeDigest(this.ring, this.head * LANES);
      this.ring.set(d.subarray(from, from + LANES), this.head * LANES);
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.ring.set(d.subarray(from, from + LANES), this.count * LANES);
    }
    this.count++;
    this.place(d, from);
  }

  private place(d: Uint32Array, from: number): void {
    const t = this.table;
    let slot = d[from]! & this.mask;
    while ((t[slot * LANES]! | t[slot * LANES + 1]! | t[slot * LANES + 2]! | t[slot * LANES + 3]!) !== 0) slot = (slot + 1) & this.mask;
    t.set(d.subarray(from, from + LANES), slot * LANES);
  }

  /** Removes a digest known to be present, shifting later entries of its probe run back (no tombstones). */
  private removeDigest(d: Uint32Array, from: number): void {
    const t = this.table;
    let hole = this.find(d, from);
    this.count--;
    for (let next = (hole + 1) & this.mask; ; next = (next + 1) & this.mask) {
      const at = next * LANES;
      if ((t[at]! | t[at + 1]! | t[at + 2]! | t[at + 3]!) === 0) break;
      const home = t[at]! & this.mask;
      // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
      const homeBetween = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!homeBetween) {
        t.copyWithin(hole * LANES, at, at + LANES);
        hole = next;
      }
    }
    t.fill(0, hole * LANES, hole * LANES + LANES);
  }

  /** Every digest, oldest first, as lanes. */
  private inOrder(): Uint32Array {
    const out = new Uint32Array(this.count * LANES);
    if (this.count < this.capacity) out.set(this.ring.subarray(0, this.count * LANES));
    else {
      out.set(this.ring.subarray(this.head * LANES, this.capacity * LANES));
      out.set(this.ring.subarray(0, this.head * LANES), (this.capacity - this.head) * LANES);
    }
    return out;
  }
}

/**
 * The identities of the most recent deliveries in finance_events, received within `withinMs`
 * before now and at most `limit` of them, as a set in order of receipt (oldest first). Built
 * while the rows stream in, so a large load does not hold the event loop.
 */
export async function loadRecentIdentities(ch: ClickHouseClient, opts: { withinMs: number; limit: number; signal?: AbortSignal }): Promise<Set<IdentityKey>> {
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
  const keys = new Set<IdentityKey>();
  for await (const rows of result.stream<[string, string]>()) {
    for (const row of rows) {
      const [source, id] = row.json<[string, string]>();
      keys.add(RecentIdentities.key(source, id));
    }
  }
  return keys;
}
