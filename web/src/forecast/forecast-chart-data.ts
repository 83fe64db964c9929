// Maps metrics.forecastVariance bucket rows to what the forecast page draws, for one currency:
// forecast against actual per bucket (summed exactly across entities, turned into numbers only
// for the chart's geometry) and accuracy per bucket — WAPE Σ|F−A|/Σ|A|, MAPE mean(|F−A|/|A|)
// over buckets with an actual, bias Σ(F−A)/Σ|A| — as percentages.
import { parseDecimal } from '../money/decimal-string.ts';

export interface ForecastBucketInput {
  entity: string;
  currency: string;
  bucket_start: string;
  forecast: string;
  actual: string;
}

export interface ForecastPoint {
  bucket: string;
  Forecast: number;
  Actual: number;
}

export interface AccuracyPoint {
  bucket: string;
  /** Percentages; null when no bucket row had a non-zero actual. */
  WAPE: number | null;
  MAPE: number | null;
  Bias: number | null;
}

const scale = 4;
function units(text: string): bigint {
  const v = parseDecimal(text);
  return v.scale <= scale ? v.units * 10n ** BigInt(scale - v.scale) : v.units / 10n ** BigInt(v.scale - scale);
}
const abs = (x: bigint) => (x < 0n ? -x : x);
/** num/den as a percentage with two decimals, through BigInt until the last step. */
function percent(num: bigint, den: bigint): number {
  return Number((num * 1_000_000n) / den) / 10_000;
}
const toNumber = (u: bigint) => Number(u) / 10 ** scale;

/** Currencies present, the one with most rows first. */
export function forecastCurrencies(rows: readonly ForecastBucketInput[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.currency, (counts.get(row.currency) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

interface BucketSums {
  forecast: bigint;
  actual: bigint;
  absError: bigint;
  signedError: bigint;
  absActual: bigint;
  apeSum: number;
  apeCount: number;
}

export function toForecastSeries(rows: readonly ForecastBucketInput[], currency: string): { points: ForecastPoint[]; accuracy: AccuracyPoint[] } {
  const buckets = new Map<string, BucketSums>();
  for (const row of rows) {
    if (row.currency !== currency) continue;
    const f = units(row.forecast);
    const a = units(row.actual);
    const b = buckets.get(row.bucket_start) ?? { forecast: 0n, actual: 0n, absError: 0n, signedError: 0n, absActual: 0n, apeSum: 0, apeCount: 0 };
    b.forecast += f;
    b.actual += a;
    b.absError += abs(f - a);
    b.signedError += f - a;
    b.absActual += abs(a);
    if (a !== 0n) {
      b.apeSum += percent(abs(f - a), abs(a));
      b.apeCount += 1;
    }
    buckets.set(row.bucket_start, b);
  }
  const ordered = [...buckets.entries()].sort((x, y) => x[0].localeCompare(y[0]));
  return {
    points: ordered.map(([bucket, b]) => ({ bucket, Forecast: toNumber(b.forecast), Actual: toNumber(b.actual) })),
    accuracy: ordered.map(([bucket, b]) => ({
      bucket,
      WAPE: b.absActual === 0n ? null : percent(b.absError, b.absActual),
      MAPE: b.apeCount === 0 ? null : Math.round((b.apeSum / b.apeCount) * 100) / 100,
      Bias: b.absActual === 0n ? null : percent(b.signedError, b.absActual),
    })),
  };
}
