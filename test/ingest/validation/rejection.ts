// Helpers for validator tests: a valid event with chosen changes, and the errors a record gets.
import { expect } from 'vitest';
import { validateEvent } from '../../../ingest/events/validate-event.ts';
import type { RecordError } from '../../../ingest/events/record-error.ts';
import { invoiceEvent } from '../../support/finance-events.ts';

/** A valid finance.invoice.received event with the given data fields replaced. */
export function withData(data: Record<string, unknown>): Record<string, unknown> {
  return invoiceEvent({ data });
}

/** A valid event with top-level attributes replaced (undefined removes one). */
export function withAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const event: Record<string, unknown> = { ...invoiceEvent(), ...attributes };
  for (const [key, value] of Object.entries(attributes)) if (value === undefined) delete event[key];
  return event;
}

/** The errors validateEvent reports; fails the test if the record was accepted. */
export function errorsOf(record: unknown): RecordError[] {
  const result = validateEvent(record);
  expect(result.ok, 'the record should have been rejected').toBe(false);
  return result.ok ? [] : result.errors;
}

/** Asserts that the record is accepted and returns the normalised event. */
export function accepted(record: unknown) {
  const result = validateEvent(record);
  if (!result.ok) expect.fail(`rejected: ${JSON.stringify(result.errors)}`);
  return result.event;
}
