// A token bucket that holds live sending to a number of events per second (bursts up to
// one second's worth), so a flow's post-outage burst does not flood ingest.
import { sleep } from '../ingest-client/retry-timing.ts';

export class SendRate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Waits until `count` events may be sent. */
  async take(count: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.perSecond, this.tokens + ((t - this.last) / 1000) * this.perSecond);
      this.last = t;
      // A batch larger than the bucket is let through once the bucket is full.
      if (this.tokens >= Math.min(count, this.perSecond)) {
        this.tokens -= count;
        return;
      }
      await sleep(Math.ceil(((Math.min(count, this.perSecond) - this.tokens) / this.perSecond) * 1000), signal);
    }
  }
}
