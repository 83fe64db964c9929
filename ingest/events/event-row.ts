// The finance_events row for a validated event, serialised once as the spool line that the
// flusher later sends to ClickHouse unchanged. received_at is the same for every event of a
// request, so its text is kept from the previous call and formatted once per request.
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { FinanceEvent } from './validate-event.ts';

/** The finance_events row for a validated event. */
export function financeEventRow(event: FinanceEvent, receivedAtMs: number) {
  return {
    source: event.source,
    id: event.id,
    type: event.type,
    time: toClickHouseDateTime64(event.timeMs),
    received_at: receivedAtText(receivedAtMs),
    subject: event.subject,
    entity: event.entity,
    document_type: event.documentType,
    document_id: event.documentId,
    correlation_id: event.correlationId,
    counterparty_id: event.counterpartyId,
    counterparty_name: event.counterpartyName,
    amount: event.amount,
    currency: event.currency,
    reference: event.reference,
    data: JSON.stringify(event.data),
  };
}

/** The same row as a spool line. */
export function financeEventLine(event: FinanceEvent, receivedAtMs: number): string {
  return `finance_events\t${JSON.stringify(financeEventRow(event, receivedAtMs))}\n`;
}

let lastReceivedAtMs = Number.NaN;
let lastReceivedAtText = '';

function receivedAtText(ms: number): string {
  if (ms !== lastReceivedAtMs) {
    lastReceivedAtText = toClickHouseDateTime64(ms);
    lastReceivedAtMs = ms;
  }
  return lastReceivedAtText;
}
