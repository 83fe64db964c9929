// A bounded memory of recently accepted (source, id) identities, so a redelivery is reported
// as a duplicate and not spooled again. Best effort: exactness downstream comes from
// ClickHouse (identity-keyed tables and queries), not from this cache.

export class RecentIdentities {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 1_000_000) {}

  static key(source: string, id: string): string {
    return `${source}\u0000${id}`;
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  /** Forgets everything, as a restarted ingest would. */
  clear(): void {
    this.seen.clear();
  }

  add(key: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.seen.size > this.capacity) {
      // Sets iterate in insertion order: drop the oldest.
      const oldest = this.seen.values().next().value as string;
      this.seen.delete(oldest);
    }
  }
}
