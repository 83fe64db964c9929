// The document timeline's waterfall and stage durations, placed on one time axis.
import { describe, expect, it } from 'vitest';
import { toStageLines, toWaterfall } from '../../web/src/documents/waterfall.ts';

const t0 = Date.UTC(2026, 10, 26, 9, 0, 0);

describe('toWaterfall', () => {
  // Axis: t0 … t0+10 s. Event at t0 (0%), span 2–6 s (20%, width 40%), event at 10 s (clamped to keep a sliver).
  const waterfall = toWaterfall(
    [{ id: 's1', label: 'post to ERP', lane: 'mulesoft', startMs: t0 + 2_000, endMs: t0 + 6_000, failed: false }],
    [
      { id: 'e2', label: 'invoice.approved', lane: 'erp', atMs: t0 + 10_000 },
      { id: 'e1', label: 'invoice.received', lane: 'ap', atMs: t0 },
    ],
  );

  it('orders bars by time and scales them to the axis', () => {
    expect(waterfall.bars.map((b) => [b.id, b.kind, b.leftPct, b.widthPct, b.durationLabel])).toEqual([
      ['e1', 'event', 0, 0.4, 'instant'],
      ['s1', 'span', 20, 40, '4.0 s'],
      ['e2', 'event', 99.6, 0.4, 'instant'],
    ]);
    expect(waterfall.startMs).toBe(t0);
    expect(waterfall.endMs).toBe(t0 + 10_000);
  });

  it('puts ticks evenly across the axis', () => {
    expect(waterfall.ticks.map((t) => t.leftPct)).toEqual([0, 25, 50, 75, 100]);
    expect(waterfall.ticks[2]!.atMs).toBe(t0 + 5_000);
  });

  it('is empty without events or spans', () => {
    expect(toWaterfall([], [])).toEqual({ startMs: 0, endMs: 0, bars: [], ticks: [] });
  });
});

describe('toStageLines', () => {
  it('lists stages in the order entered, marks the open one and scales to the longest', () => {
    const lines = toStageLines([
      { stage: 'finance.invoice.approved', enteredMs: t0 + 3_600_000, leftMs: null, durationMs: 1_800_000 },
      { stage: 'finance.invoice.received', enteredMs: t0, leftMs: t0 + 3_600_000, durationMs: 3_600_000 },
    ]);
    expect(lines.map((l) => [l.label, l.current, l.durationLabel, l.sharePct])).toEqual([
      ['invoice received', false, '1 h', 100],
      ['invoice approved', true, '30 min', 50],
    ]);
  });
});
