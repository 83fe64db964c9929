// The latest result of an expensive "now" evaluation, kept per process: fresh results are
// served as they are, a result past its freshness is served while a refresh runs in the
// background (stale-while-revalidate), and one too old is recomputed before answering.
// Concurrent callers share one computation. As-of queries never go through here: they are
// reproducible and computed on demand.

export interface CacheTiming {
  /** Served without a refresh while younger than this. */
  freshMs: number;
  /** Served (with a background refresh) while younger than this; older is recomputed first. */
  maxStaleMs: number;
}

interface Entry<T> {
  value?: { result: T; computedAt: number };
  inFlight?: Promise<{ result: T; computedAt: number }>;
}

export interface Cached<T> {
  result: T;
  /** When the result was computed (epoch ms): the moment the numbers describe. */
  computedAt: number;
}

export class LatestResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly timing: CacheTiming,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 200,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<Cached<T>> {
    const entry = this.entries.get(key) ?? {};
    if (!this.entries.has(key)) this.remember(key, entry);
    const age = entry.value ? this.now() - entry.value.computedAt : Infinity;
    if (entry.value && age < this.timing.freshMs) return entry.value;
    const refresh = this.refresh(entry, compute);
    if (entry.value && age < this.timing.maxStaleMs) {
      refresh.catch(() => undefined); // a failed background refresh keeps the stale value; the next call retries
      return entry.value;
    }
    return refresh;
  }

  /** Drops every kept result (settings changed, so every number may have). */
  clear(): void {
    this.entries.clear();
  }

  private refresh(entry: Entry<T>, compute: () => Promise<T>): Promise<Cached<T>> {
    if (entry.inFlight) return entry.inFlight;
    const startedAt = this.now();
    entry.inFlight = compute()
      .then((result) => {
        entry.value = { result, computedAt: startedAt };
        return entry.value;
      })
      .finally(() => {
        entry.inFlight = undefined;
      });
    return entry.inFlight;
  }

  private remember(key: string, entry: Entry<T>): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }
}
