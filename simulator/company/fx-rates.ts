// Daily FX mid rates against the reporting currency (EUR): a mean-reverting random walk in
// integer millionths, anchored at 2020-01-01, so the rate for a date depends only on the
// seed and the date — never on where a simulation run started.
import { rngFor } from './prng.ts';
import type { CurrencyCode } from './money.ts';

const anchorDay = 18_262; // 2020-01-01
const micro = 1_000_000n;

/** EUR → quote mid rates on the anchor day, in millionths. */
const anchorRates: Partial<Record<CurrencyCode, bigint>> = { USD: 1_090_000n, GBP: 860_000n, JPY: 160_000_000n };

export class FxRates {
  private readonly last = new Map<CurrencyCode, { day: number; rate: bigint }>();

  constructor(private readonly seed: number) {}

  /** Units of `quote` per 1 EUR on `day`, in millionths. */
  rateMicros(quote: CurrencyCode, day: number): bigint {
    const base = anchorRates[quote];
    if (base === undefined) throw new Error(`no simulated FX rate for ${quote}`);
    let state = this.last.get(quote);
    if (!state || state.day > day) state = { day: anchorDay, rate: base };
    let { rate } = state;
    for (let d = state.day + 1; d <= day; d++) rate = this.step(quote, base, rate, d);
    if (day >= anchorDay) this.last.set(quote, { day: Math.max(day, anchorDay), rate });
    return rate;
  }

  /** The rate as the decimal string an fx.rate event carries (six decimals). */
  rate(quote: CurrencyCode, day: number): string {
    const r = this.rateMicros(quote, day);
    return `${r / micro}.${(r % micro).toString().padStart(6, '0')}`;
  }

  private step(quote: CurrencyCode, base: bigint, rate: bigint, day: number): bigint {
    const shock = BigInt(rngFor(this.seed, 'fx', quote, day).int(-40, 40));
    const deviationBps = ((rate - base) * 10_000n) / base;
    const bps = shock - deviationBps / 25n;
    return rate + (rate * bps) / 10_000n;
  }
}

export const quotedCurrencies = Object.keys(anchorRates) as CurrencyCode[];
