// Shared helpers for the simulator tests: a fixed window and the first n records of it.
import { generateEvents, type GenerateOptions, type SimEvent } from '../../simulator/generator.ts';

/** A Monday, so the first day of the window is a business day. */
export const monday = new Date('2026-03-02T00:00:00Z');

export function firstRecords(n: number, opts: Partial<GenerateOptions> = {}): SimEvent[] {
  const out: SimEvent[] = [];
  for (const record of generateEvents({ seed: 42, start: monday, ...opts })) {
    out.push(record);
    if (out.length >= n) break;
  }
  return out;
}

/** The record as ingest would parse it: the event object, or the raw text parsed (undefined if not JSON). */
export function parsed(record: SimEvent): unknown {
  if (typeof record.event !== 'string') return record.event;
  try {
    return JSON.parse(record.event);
  } catch {
    return undefined;
  }
}
