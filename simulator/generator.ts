// The simulated company as a stream: every record a multinational's finance systems and
// middleware send to Closewatch, in delivery order, deterministic for a seed. Streaming and
// memory-bounded: it keeps only open documents (about documentsPerDay × 45 of them).
import { DAY } from './company/business-clock.ts';
import { Simulation } from './engine/simulation.ts';
import { resolveFaultRates, type FaultRates } from './fault-rates.ts';
import type { SimEvent, SimSpan } from './sim-event.ts';

export type { CloudEvent, SimEvent, SimSpan } from './sim-event.ts';
export type { FaultKind, FaultRates } from './fault-rates.ts';
export { defaultFaultRates, faultKinds } from './fault-rates.ts';

export interface GenerateOptions {
  seed: number;
  /** Start of the window; events before it are not produced. */
  start: Date;
  /** Length of the window in days (default 30). */
  days?: number;
  /** New documents per business day across the group (default 400; 5 % of it at weekends). */
  documentsPerDay?: number;
  faults?: Partial<FaultRates>;
  /** Days the company runs before `start` so documents are already in flight (default 40; 0 = start empty). */
  warmUpDays?: number;
  /** Receives middleware spans, each just before the record it carried is yielded. */
  onSpan?: (span: SimSpan) => void;
}

/** Yields the company's records in delivery order (business time order, except where delivery faults say otherwise). */
export function generateEvents(opts: GenerateOptions): Generator<SimEvent> {
  const startMs = opts.start.getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('start must be a valid Date');
  const days = opts.days ?? 30;
  const documentsPerDay = opts.documentsPerDay ?? 400;
  if (!(days > 0)) throw new RangeError(`days must be positive (got ${days})`);
  if (!(Number.isInteger(documentsPerDay) && documentsPerDay >= 0)) throw new RangeError(`documentsPerDay must be a whole number ≥ 0 (got ${documentsPerDay})`);
  const simulation = new Simulation({
    seed: opts.seed >>> 0,
    startMs,
    endMs: startMs + days * DAY,
    documentsPerDay,
    faults: resolveFaultRates(opts.faults),
    warmUpDays: opts.warmUpDays ?? 40,
    onSpan: opts.onSpan,
  });
  return simulation.run();
}
