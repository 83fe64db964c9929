// Time spent in each stage of a document. A stage is an event type: entered at the event's
// business time, left at the next event's time; consecutive events of the same type are one
// stage (a second "approved" does not restart the clock). The current stage is open-ended:
// left_at null, its duration counted up to the evaluation moment.

export interface StageSpan {
  stage: string;
  entered_at: string;
  left_at: string | null;
  duration_ms: number;
}

/** 'YYYY-MM-DD hh:mm:ss.sss' (UTC, as ClickHouse prints it) to epoch milliseconds. */
export function clickHouseTimeMs(time: string): number {
  return Date.parse(`${time.replace(' ', 'T')}Z`);
}

/** Stages from events already in business-time order; `untilMs` closes the current one. */
export function stageDurations(events: { type: string; time: string }[], untilMs: number): StageSpan[] {
  const stages: StageSpan[] = [];
  for (const event of events) {
    const current = stages.at(-1);
    if (current?.stage === event.type) continue;
    if (current) {
      current.left_at = event.time;
      current.duration_ms = clickHouseTimeMs(event.time) - clickHouseTimeMs(current.entered_at);
    }
    stages.push({ stage: event.type, entered_at: event.time, left_at: null, duration_ms: 0 });
  }
  const open = stages.at(-1);
  if (open) open.duration_ms = Math.max(0, untilMs - clickHouseTimeMs(open.entered_at));
  return stages;
}
