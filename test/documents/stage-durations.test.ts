// The stage-duration rule on its own: one stage per change of event type, left at the next
// change, the last one open up to the evaluation moment.
import { expect, it } from 'vitest';
import { clickHouseTimeMs, stageDurations } from '../../server/documents/stage-durations.ts';

it('merges repeated types into one stage and keeps the last one open', () => {
  const events = [
    { type: 'finance.payment.released', time: '2026-11-06 08:00:00.000' },
    { type: 'finance.payment.held', time: '2026-11-06 08:00:00.001' },
    { type: 'finance.payment.held', time: '2026-11-06 09:00:00.000' },
    { type: 'finance.payment.hold_released', time: '2026-11-07 08:00:00.001' },
  ];
  expect(stageDurations(events, clickHouseTimeMs('2026-11-07 09:00:00.000'))).toEqual([
    { stage: 'finance.payment.released', entered_at: '2026-11-06 08:00:00.000', left_at: '2026-11-06 08:00:00.001', duration_ms: 1 },
    { stage: 'finance.payment.held', entered_at: '2026-11-06 08:00:00.001', left_at: '2026-11-07 08:00:00.001', duration_ms: 86_400_000 },
    { stage: 'finance.payment.hold_released', entered_at: '2026-11-07 08:00:00.001', left_at: null, duration_ms: 3_599_999 },
  ]);
});

it('never reports a negative open duration when evaluated before the last event', () => {
  const stages = stageDurations([{ type: 'finance.invoice.received', time: '2026-11-06 08:00:00.000' }], clickHouseTimeMs('2026-11-01 00:00:00.000'));
  expect(stages).toEqual([{ stage: 'finance.invoice.received', entered_at: '2026-11-06 08:00:00.000', left_at: null, duration_ms: 0 }]);
});

it('has no stages without events', () => {
  expect(stageDurations([], Date.now())).toEqual([]);
});
