// What treasury expects to move, per entity, local day and direction: the amounts of open
// invoices by due date. Forecasts are drawn from it (with error), so forecast variance in
// the product reflects a forecast that is roughly right, not noise.

export type Direction = 'inflow' | 'outflow';

export class ExpectedCash {
  /** entity → (day × 2 + direction) → amount in minor units. */
  private readonly byEntity = new Map<string, Map<number, bigint>>();

  add(entity: string, day: number, direction: Direction, amountMinor: bigint): void {
    let byDay = this.byEntity.get(entity);
    if (!byDay) this.byEntity.set(entity, (byDay = new Map()));
    const key = day * 2 + (direction === 'inflow' ? 1 : 0);
    byDay.set(key, (byDay.get(key) ?? 0n) + amountMinor);
  }

  get(entity: string, day: number, direction: Direction): bigint {
    return this.byEntity.get(entity)?.get(day * 2 + (direction === 'inflow' ? 1 : 0)) ?? 0n;
  }

  /** Forgets days before `day` (they are history; forecasts only look ahead). */
  forgetBefore(day: number): void {
    for (const byDay of this.byEntity.values()) {
      for (const key of byDay.keys()) if (key < day * 2) byDay.delete(key);
    }
  }
}
