// Opens each simulated day: the documents the group starts that day (supplier invoices
// and customer invoices across the entities, far fewer at weekends) and, inside the
// window, each entity's treasury morning and the group FX fixing.
import { DAY, HOUR, isBusinessDay, localMs } from '../company/business-clock.ts';
import { legalEntities } from '../company/legal-entities.ts';
import { rngFor } from '../company/prng.ts';
import { createCustomerInvoice } from '../scenarios/customer-invoice.ts';
import { FxDay } from '../scenarios/fx-day.ts';
import { createSupplierInvoice } from '../scenarios/supplier-invoice.ts';
import { TreasuryDay } from '../scenarios/treasury-day.ts';
import type { Actor, SimContext } from './sim-context.ts';

/** Share of new documents that are supplier invoices (the rest are customer invoices). */
const supplierShare = 0.58;

/** Documents started on a day: the full number on business days, 5 % of it otherwise. */
export function documentsOn(day: number, documentsPerBusinessDay: number): number {
  return isBusinessDay(day) ? documentsPerBusinessDay : Math.round(documentsPerBusinessDay * 0.05);
}

/**
 * An actor that plans one UTC day and reschedules itself for the next. It runs 14 hours
 * before the day starts in UTC, so entities east of Greenwich get their morning in time.
 */
export class DayPlanner implements Actor {
  atMs: number;

  constructor(
    private day: number,
    private readonly documentsPerDay: number,
    /** First day that has treasury jobs (the window's first day). */
    private readonly firstTreasuryDay: number,
  ) {
    this.atMs = day * DAY - 14 * HOUR;
  }

  step(ctx: SimContext): boolean {
    const day = this.day;
    const count = documentsOn(day, this.documentsPerDay);
    for (let index = 0; index < count; index++) {
      const rng = rngFor(ctx.seed, 'document', day, index);
      const entity = rng.weighted(legalEntities, (e) => e.weight);
      const startMs = localMs(day, 8 * 60 + rng.int(0, 600), entity.timeZone) + rng.int(0, 59_999);
      if (rng.next() < supplierShare) {
        for (const invoice of createSupplierInvoice(ctx, rng, entity, day, index, startMs)) ctx.spawn(invoice);
      } else {
        ctx.spawn(createCustomerInvoice(ctx, rng, entity, day, index, startMs));
      }
    }
    if (day >= this.firstTreasuryDay && isBusinessDay(day)) {
      for (const entity of legalEntities) ctx.spawn(new TreasuryDay(ctx, entity, day));
      ctx.spawn(new FxDay(day));
    }
    this.day++;
    this.atMs = this.day * DAY - 14 * HOUR;
    return true;
  }
}
