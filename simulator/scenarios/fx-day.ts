// The group's daily FX fixing: at 16:00 Frankfurt time on business days treasury loads
// the reference rate of each currency the group books against EUR (six decimals).
import { isoDate, localMs } from '../company/business-clock.ts';
import { quotedCurrencies } from '../company/fx-rates.ts';
import { groupEntity, reportingCurrency, treasurySource } from '../company/legal-entities.ts';
import type { Actor, SimContext } from '../engine/sim-context.ts';
import { cloudEvent } from './cloud-event.ts';

export class FxDay implements Actor {
  atMs: number;

  constructor(private readonly day: number) {
    this.atMs = localMs(day, 16 * 60 + 5, 'Europe/Berlin');
  }

  step(ctx: SimContext): boolean {
    const t = this.atMs;
    if (!ctx.visible(t)) return false;
    const date = isoDate(this.day);
    for (const quote of quotedCurrencies) {
      const data = { entity: groupEntity, base_currency: reportingCurrency, quote_currency: quote, rate: ctx.fx.rate(quote, this.day), rate_date: date };
      ctx.emit(t, cloudEvent(treasurySource, `FX-${reportingCurrency}-${quote}-${date}`, 'finance.fx.rate', t, `${reportingCurrency}/${quote}`, data, 'Europe/Berlin'));
    }
    return false;
  }
}
