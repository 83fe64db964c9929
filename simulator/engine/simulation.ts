// The simulation engine: steps actors in business-time order and turns what they emit
// into deliveries, where delivery faults happen (malformed copies, late and duplicate
// deliveries). Deliveries share the timeline, so records come out in delivery order.
import { DAY, HOUR, MINUTE } from '../company/business-clock.ts';
import { FxRates } from '../company/fx-rates.ts';
import { Rng, hashSeed } from '../company/prng.ts';
import type { FaultRates } from '../fault-rates.ts';
import { malformedRecord } from '../scenarios/malformed-record.ts';
import type { CloudEvent, SimEvent, SimSpan } from '../sim-event.ts';
import { AccountBalances } from './account-balances.ts';
import { DayPlanner } from './day-planner.ts';
import { ExpectedCash } from './expected-cash.ts';
import { FlowOutages } from './flow-outages.ts';
import type { Actor, Emission, SimContext } from './sim-context.ts';
import { Timeline } from './timeline.ts';

export interface SimulationOptions {
  seed: number;
  startMs: number;
  endMs: number;
  documentsPerDay: number;
  faults: FaultRates;
  /** Days the company runs silently before startMs, so documents are in flight at the start. */
  warmUpDays: number;
  onSpan?: (span: SimSpan) => void;
}

class Delivery {
  constructor(
    public atMs: number,
    readonly record: SimEvent | undefined,
    readonly spans: SimSpan[] | undefined,
  ) {}
}

export class Simulation implements SimContext {
  readonly seed: number;
  readonly faults: FaultRates;
  readonly startMs: number;
  readonly spansWanted: boolean;
  readonly outages: FlowOutages;
  readonly expectedCash = new ExpectedCash();
  readonly balances: AccountBalances;
  readonly fx: FxRates;
  private readonly timeline = new Timeline<Actor | Delivery>();
  /** Records due right now, delivered straight after the step that emitted them. */
  private readonly ready: SimEvent[] = [];
  /** Delivery faults draw from one stream, in emission order (deterministic for a seed and window). */
  private readonly deliveryRng: Rng;
  private now = 0;

  constructor(private readonly options: SimulationOptions) {
    this.seed = options.seed;
    this.faults = options.faults;
    this.startMs = options.startMs;
    this.spansWanted = options.onSpan !== undefined;
    this.outages = new FlowOutages(options.seed, options.faults.flowOutage);
    this.balances = new AccountBalances(options.seed);
    this.fx = new FxRates(options.seed);
    this.deliveryRng = new Rng(hashSeed(options.seed, 'delivery', options.startMs));
    const firstDay = Math.floor(options.startMs / DAY);
    this.timeline.push(new DayPlanner(firstDay - options.warmUpDays, options.documentsPerDay, firstDay));
  }

  /** Records in delivery order until the end of the window. */
  *run(): Generator<SimEvent> {
    const timeline = this.timeline;
    const onSpan = this.options.onSpan;
    const endMs = this.options.endMs;
    while (timeline.peekTime() < endMs) {
      const next = timeline.pop()!;
      this.now = next.atMs;
      if (next instanceof Delivery) {
        if (next.spans && onSpan) for (const span of next.spans) onSpan(span);
        if (next.record) yield next.record;
      } else {
        if (next.step(this)) timeline.push(next);
        if (this.ready.length > 0) {
          for (const record of this.ready) yield record;
          this.ready.length = 0;
        }
      }
    }
  }

  visible(atMs: number): boolean {
    return atMs >= this.startMs;
  }

  /**
   * Schedules an actor. One that starts before the window is run forward on the spot until
   * its next step falls inside it: nothing before the window is emitted, and what such
   * steps change (expected cash, balances) does not depend on order, so this equals
   * running them through the timeline — only much cheaper.
   */
  spawn(actor: Actor): void {
    while (actor.atMs < this.startMs) {
      if (!actor.step(this)) return;
    }
    if (actor.atMs < this.now) actor.atMs = this.now;
    this.timeline.push(actor);
  }

  emitSpans(atMs: number, spans: SimSpan[]): void {
    if (this.visible(atMs) && this.spansWanted) this.timeline.push(new Delivery(Math.max(atMs, this.now), undefined, spans));
  }

  emit(atMs: number, event: CloudEvent, extras: Emission = {}): void {
    if (!this.visible(atMs)) return;
    const f = this.faults;
    const rng = this.deliveryRng;
    let at = Math.max(atMs, this.now);
    if (rng.chance(f.malformed)) this.deliver(at, { event: malformedRecord(event, rng), kind: 'malformed', at, fault: 'malformed' });
    let fault = extras.fault;
    if (fault === undefined && rng.chance(f.outOfOrder)) {
      at += rng.int(20 * MINUTE, 6 * HOUR);
      fault = 'outOfOrder';
    }
    this.deliver(at, fault ? { event, kind: 'event', at, fault } : { event, kind: 'event', at }, extras.spans);
    if (rng.chance(f.duplicateDelivery)) {
      const again = at + rng.int(1_000, 2 * HOUR);
      this.deliver(again, { event, kind: 'duplicate', at: again, fault: 'duplicateDelivery' });
    }
  }

  private deliver(atMs: number, record: SimEvent, spans?: SimSpan[]): void {
    if (atMs === this.now && spans === undefined) this.ready.push(record);
    else this.timeline.push(new Delivery(atMs, record, spans));
  }
}
