// Builds the CloudEvents the simulated systems send. Business systems stamp their local
// offset (as SAP or Coupa would); banks and middleware stamp UTC.
import { offsetMinutes, rfc3339 } from '../company/business-clock.ts';
import type { CloudEvent } from '../sim-event.ts';

export function cloudEvent(source: string, id: string, type: string, atMs: number, subject: string, data: Record<string, string>, timeZone?: string): CloudEvent {
  const offset = timeZone ? offsetMinutes(timeZone, atMs) : 0;
  return { specversion: '1.0', id, source, type, time: rfc3339(atMs, offset), subject, data };
}
