// The simulation's timeline: a binary min-heap of things due at a time (document steps and
// deliveries), ordered by time and then by the order they were scheduled, so runs are
// reproducible even when many things are due at the same millisecond. Keys live in typed
// arrays beside the items, so sifting compares numbers without touching the objects.

export interface Scheduled {
  atMs: number;
}

export class Timeline<T extends Scheduled> {
  private items: T[] = [];
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private length = 0;
  private counter = 0;

  get size(): number {
    return this.length;
  }

  /** The earliest item (undefined when empty). */
  peek(): T | undefined {
    return this.length > 0 ? this.items[0] : undefined;
  }

  /** Due time of the earliest item (Infinity when empty). */
  peekTime(): number {
    return this.length > 0 ? this.times[0]! : Infinity;
  }

  push(item: T): void {
    if (this.length === this.times.length) this.grow();
    const { items, times, seqs } = this;
    const at = item.atMs;
    const seq = this.counter++;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < at || (pt === at && seqs[parent]! < seq)) break;
      items[i] = items[parent]!;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      i = parent;
    }
    items[i] = item;
    times[i] = at;
    seqs[i] = seq;
  }

  pop(): T | undefined {
    if (this.length === 0) return undefined;
    const { items, times, seqs } = this;
    const top = items[0]!;
    const n = --this.length;
    const last = items[n]!;
    const lastAt = times[n]!;
    const lastSeq = seqs[n]!;
    items.length = n;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && seqs[right]! < seqs[child]!))) child = right;
      const ct = times[child]!;
      if (ct > lastAt || (ct === lastAt && seqs[child]! > lastSeq)) break;
      items[i] = items[child]!;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      i = child;
    }
    items[i] = last;
    times[i] = lastAt;
    seqs[i] = lastSeq;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }
}
