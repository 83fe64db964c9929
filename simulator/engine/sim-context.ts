// The contract between the simulation engine and the scenarios: an actor (one open document
// or one daily job) is stepped at its due time and reports what happened through the context.
import type { FxRates } from '../company/fx-rates.ts';
import type { FaultKind, FaultRates } from '../fault-rates.ts';
import type { CloudEvent, SimSpan } from '../sim-event.ts';
import type { AccountBalances } from './account-balances.ts';
import type { ExpectedCash } from './expected-cash.ts';
import type { FlowOutages } from './flow-outages.ts';

export interface Actor {
  /** When the actor is next due (epoch ms). */
  atMs: number;
  /** Emits what happens at atMs; sets the next atMs and returns true to be stepped again, false when done. */
  step(ctx: SimContext): boolean;
}

export interface Emission {
  fault?: FaultKind;
  /** Middleware spans that carried this event (only built when ctx.spansWanted). */
  spans?: SimSpan[];
}

export interface SimContext {
  readonly seed: number;
  readonly faults: FaultRates;
  /** Events before this instant are not emitted: the company was already running before the window. */
  readonly startMs: number;
  readonly spansWanted: boolean;
  readonly outages: FlowOutages;
  readonly expectedCash: ExpectedCash;
  readonly balances: AccountBalances;
  readonly fx: FxRates;
  /** Whether an event at atMs falls inside the window (callers skip building events that do not). */
  visible(atMs: number): boolean;
  /** Hands an event to delivery (where delivery faults apply). */
  emit(atMs: number, event: CloudEvent, extras?: Emission): void;
  /** Hands over spans of a hand-off that produced no event of its own. */
  emitSpans(atMs: number, spans: SimSpan[]): void;
  /** Schedules another actor (a payment spawned by an invoice, say). */
  spawn(actor: Actor): void;
}
