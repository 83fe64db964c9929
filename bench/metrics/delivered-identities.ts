// The loader's memory of accepted (source, id) identities, so a redelivery is dropped as ingest
// drops it: the same rule as ingest's RecentIdentities (remember the last `capacity` accepted,
// forget the oldest first), but the oldest is found in a ring kept beside the set. Finding it
// through the Set's insertion order (values().next()) costs time in proportion to the entries
// already deleted from the Set's front — V8 compacts only when it rehashes — so once full, each
// add got slower: 700k adds/s before 1M identities, under 2k/s 600k adds later.
import { RecentIdentities } from '../../ingest/events/recent-identities.ts';

export class DeliveredIdentities {
  private readonly seen = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  /** Ingest's capacity by default, so the same redeliveries are dropped. */
  constructor(readonly capacity = new RecentIdentities().capacity) {
    this.ring = new Array<string | undefined>(capacity);
  }

  static key(source: string, id: string): string {
    return RecentIdentities.key(source, id);
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  add(key: string): void {
    if (this.seen.has(key)) return;
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.seen.delete(oldest);
    this.ring[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    this.seen.add(key);
  }
}
