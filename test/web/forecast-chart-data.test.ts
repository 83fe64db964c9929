// Forecast rows → chart series and accuracy over time, and ratio strings as percentages.
import { describe, expect, it } from 'vitest';
import { forecastCurrencies, toForecastSeries } from '../../web/src/forecast/forecast-chart-data.ts';
import { formatRatioPercent } from '../../web/src/forecast/format-ratio.ts';
import { kpiTrend } from '../../web/src/overview/kpi-trend.ts';

// Week 1: DE01 F 110 A 100, US01 F 40 A 50 (EUR) → F 150, A 150; Σ|F−A| = 10+10 = 20, Σ|A| = 150
//   WAPE 13.33%, bias (10−10)/150 = 0%, MAPE mean(10%, 20%) = 15%.
// Week 2: DE01 F 90 A 0 → WAPE/bias undefined (no actual), MAPE undefined.
const rows = [
  { entity: 'DE01', currency: 'EUR', bucket_start: '2026-11-02', forecast: '110.0000', actual: '100.0000' },
  { entity: 'US01', currency: 'EUR', bucket_start: '2026-11-02', forecast: '40', actual: '50' },
  { entity: 'DE01', currency: 'EUR', bucket_start: '2026-11-09', forecast: '90', actual: '0' },
  { entity: 'JP01', currency: 'JPY', bucket_start: '2026-11-02', forecast: '1000', actual: '900' },
];

describe('toForecastSeries', () => {
  const series = toForecastSeries(rows, 'EUR');
  it('sums forecast and actual per bucket for the currency', () => {
    expect(series.points).toEqual([
      { bucket: '2026-11-02', Forecast: 150, Actual: 150 },
      { bucket: '2026-11-09', Forecast: 90, Actual: 0 },
    ]);
  });
  it('computes WAPE, MAPE and bias per bucket', () => {
    expect(series.accuracy).toEqual([
      { bucket: '2026-11-02', WAPE: 13.3333, MAPE: 15, Bias: 0 },
      { bucket: '2026-11-09', WAPE: null, MAPE: null, Bias: null },
    ]);
  });
  it('orders currencies by how many rows they have', () => {
    expect(forecastCurrencies(rows)).toEqual(['EUR', 'JPY']);
  });
});

describe('formatRatioPercent', () => {
  it('moves the decimal point on the string', () => {
    expect(formatRatioPercent('0.1234')).toBe('12.3%');
    expect(formatRatioPercent('-0.05', 2)).toBe('-5.00%');
    expect(formatRatioPercent('1')).toBe('100.0%');
    expect(formatRatioPercent(null)).toBe('—');
  });
});

describe('kpiTrend', () => {
  it('compares counts as BigInts', () => {
    expect(kpiTrend('12', '9')).toEqual({ delta: '3', label: '+3 vs a day ago', direction: 'up' });
    expect(kpiTrend('1000', '2500')).toMatchObject({ label: '−1,500 vs a day ago', direction: 'down' });
    expect(kpiTrend('4', '4')).toMatchObject({ direction: 'flat' });
    expect(kpiTrend('4', undefined)).toBeNull();
  });
});
