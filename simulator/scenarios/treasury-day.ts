// One entity's treasury morning on a business day: the banks report yesterday's closing
// and today's opening balance per account (07:00 local), then treasury revises its cash
// forecast for the next ten business days per direction (08:00 local).
import { addBusinessDays, isoDate, localMs } from '../company/business-clock.ts';
import { treasurySource, type LegalEntity } from '../company/legal-entities.ts';
import { formatMinor, proportion } from '../company/money.ts';
import { rngFor, type Rng } from '../company/prng.ts';
import type { Direction } from '../engine/expected-cash.ts';
import type { Actor, SimContext } from '../engine/sim-context.ts';
import { cloudEvent } from './cloud-event.ts';

const horizonBusinessDays = 10;
const categories: Readonly<Record<Direction, string>> = { inflow: 'customer_receipts', outflow: 'supplier_payments' };

export class TreasuryDay implements Actor {
  atMs: number;
  private stage: 'balances' | 'forecast' = 'balances';
  private readonly rng: Rng;

  constructor(
    ctx: SimContext,
    private readonly entity: LegalEntity,
    private readonly day: number,
  ) {
    this.rng = rngFor(ctx.seed, 'treasury', entity.code, day);
    this.atMs = localMs(day, 7 * 60 + this.rng.int(0, 15), entity.timeZone);
  }

  step(ctx: SimContext): boolean {
    if (this.stage === 'balances') {
      this.reportBalances(ctx);
      this.stage = 'forecast';
      this.atMs = localMs(this.day, 8 * 60 + this.rng.int(0, 30), this.entity.timeZone);
      return true;
    }
    this.reviseForecast(ctx);
    return false;
  }

  private reportBalances(ctx: SimContext): void {
    const e = this.entity;
    const yesterday = isoDate(this.previousBusinessDay());
    const today = isoDate(this.day);
    for (const account of e.accounts) {
      const amount = formatMinor(ctx.balances.current(account.account, e.currency), e.currency);
      for (const [type, date] of [['closing', yesterday], ['opening', today]] as const) {
        const t = this.atMs;
        if (!ctx.visible(t)) continue;
        const data = { entity: e.code, account: account.account, amount, currency: e.currency, balance_type: type, balance_date: date };
        ctx.emit(t, cloudEvent(account.bankSource, `BAL-${account.account}-${date}-${type}`, 'finance.balance.reported', t, account.account, data));
      }
    }
  }

  private reviseForecast(ctx: SimContext): void {
    const e = this.entity;
    const t = this.atMs;
    let previous = this.day;
    for (let i = 1; i <= horizonBusinessDays; i++) {
      const bucket = addBusinessDays(this.day, i);
      for (const direction of ['inflow', 'outflow'] as const) {
        // Invoices due on a weekend or holiday count towards the next business day.
        let expected = 0n;
        for (let d = previous + 1; d <= bucket; d++) expected += ctx.expectedCash.get(e.code, d, direction);
        // The forecast misses by up to ±1.5 % per business day of horizon.
        const errorPermille = BigInt(this.rng.int(-15 * i, 15 * i));
        const amount = proportion(expected, 1000n + errorPermille, 1000n);
        if (!ctx.visible(t)) continue;
        const category = categories[direction];
        const data = { entity: e.code, amount: formatMinor(amount < 0n ? 0n : amount, e.currency), currency: e.currency, bucket_date: isoDate(bucket), category, direction };
        ctx.emit(t, cloudEvent(treasurySource, `FC-${e.code}-${isoDate(this.day)}-${isoDate(bucket)}-${category}`, 'finance.forecast.updated', t, `${e.currency}/${isoDate(bucket)}`, data, e.timeZone));
      }
      previous = bucket;
    }
    if (e.code === 'DE01') ctx.expectedCash.forgetBefore(this.day - 5);
  }

  private previousBusinessDay(): number {
    let d = this.day - 1;
    while (addBusinessDays(d, 0) !== d) d--;
    return d;
  }
}
