// When each middleware flow is down. On a business day, with the configured probability,
// one flow (picked at random) goes silent for 45 minutes to 4 hours. An outage is a pure
// function of the seed and the UTC day, so every run (and every restart of the player)
// agrees on it. While a flow is down nothing it carries arrives; then comes a burst.
import { DAY, HOUR, MINUTE } from '../company/business-clock.ts';
import { flowList, type IntegrationFlow } from '../company/integration-flows.ts';
import { rngFor, type Rng } from '../company/prng.ts';

export interface OutageWindow {
  startMs: number;
  endMs: number;
}

export class FlowOutages {
  private readonly cache = new Map<number, { flowIndex: number; window: OutageWindow } | null>();

  constructor(
    private readonly seed: number,
    private readonly rate: number,
  ) {}

  /** The flow's outage on the UTC day containing atMs, if it has one. */
  windowOn(flow: IntegrationFlow, atMs: number): OutageWindow | null {
    const day = Math.floor(atMs / DAY);
    let outage = this.cache.get(day);
    if (outage === undefined) {
      outage = this.compute(day);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(day, outage);
    }
    return outage !== null && outage.flowIndex === flow.index ? outage.window : null;
  }

  /**
   * When a hand-off due at atMs actually goes through: unchanged, or (if the flow is down)
   * shortly after the outage ends. `delayed` says whether the outage held it back.
   */
  passage(flow: IntegrationFlow, atMs: number, rng: Rng): { atMs: number; delayed: boolean } {
    const window = this.windowOn(flow, atMs);
    if (!window || atMs < window.startMs || atMs >= window.endMs) return { atMs, delayed: false };
    return { atMs: window.endMs + rng.int(0, 4 * MINUTE), delayed: true };
  }

  private compute(day: number): { flowIndex: number; window: OutageWindow } | null {
    const rng = rngFor(this.seed, 'outage', day);
    const weekday = (day + 4) % 7;
    if (weekday === 0 || weekday === 6 || !rng.chance(this.rate)) return null;
    const flowIndex = rng.int(0, flowList.length - 1);
    // Outages start in European/US working hours (06:00–17:00 UTC) and last 45 minutes to 4 hours.
    const startMs = day * DAY + 6 * HOUR + rng.int(0, 11 * 60) * MINUTE;
    return { flowIndex, window: { startMs, endMs: startMs + rng.int(45, 240) * MINUTE } };
  }
}
