// What treasury expects to move, per entity, local day and direction: the amounts of open
// invoices by due date. Forecasts are drawn from it (with error), so forecast variance in
// the product reflects a forecast that is roughly right, not noise.

export type Direction = 'inflow' | 'outflow';

export class ExpectedCash {
  private readonly byKey = new Map<string, bigint>();

  add(entity: string, day: number, direction: Direction, amountMinor: bigint): void {
    const key = `${entity}|${day}|${direction}`;
    this.byKey.set(key, (this.byKey.get(key) ?? 0n) + amountMinor);
  }

  get(entity: string, day: number, direction: Direction): bigint {
    return this.byKey.get(`${entity}|${day}|${direction}`) ?? 0n;
  }

  /** Forgets days before `day` (they are history; forecasts only look ahead). */
  forgetBefore(day: number): void {
    for (const key of this.byKey.keys()) {
      if (Number(key.split('|')[1]) < day) this.byKey.delete(key);
    }
  }
}
