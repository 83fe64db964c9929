// Spool content made of valid finance_events rows, exactly as ingest writes it, for tests that
// drive the flusher without going through HTTP.
import { financeEventLine } from '../../ingest/events/event-row.ts';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { invoiceEvent } from './finance-events.ts';

/** `count` invoice events with ids `<prefix><n>` as spool lines, plus their ids. */
export function financeSpoolLines(prefix: string, count: number, first = 0): { ids: string[]; data: Buffer } {
  const ids: string[] = [];
  const lines: string[] = [];
  for (let n = first; n < first + count; n++) {
    const result = validateEvent(invoiceEvent({ id: `${prefix}${n}` }));
    if (!result.ok) throw new Error(`test event is invalid: ${JSON.stringify(result.errors)}`);
    ids.push(result.event.id);
    lines.push(financeEventLine(result.event, Date.now()));
  }
  return { ids, data: Buffer.from(lines.join('')) };
}
