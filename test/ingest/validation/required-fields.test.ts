// Every catalogue type: a minimal event with its required fields passes, and leaving out any
// one of them is rejected naming data.<field> and the type. Table-driven from the catalogue.
import { describe, expect, it } from 'vitest';
import { catalogue, eventTypes } from '../../../ingest/events/catalogue.ts';
import { accepted, errorsOf } from './rejection.ts';

/** A valid value for every field any catalogue type requires. */
const sampleValues: Record<string, string> = {
  amount: '100.00',
  currency: 'EUR',
  counterparty_id: 'SUP-0042',
  promised_date: '2026-12-01',
  account: 'DE89370400440532013000',
  credit_debit: 'CRDT',
  value_date: '2026-11-20',
  bucket_date: '2026-11-30',
  category: 'payroll',
  direction: 'outflow',
  balance_date: '2026-11-20',
  balance_type: 'closing',
  base_currency: 'EUR',
  quote_currency: 'USD',
  rate: '1.0842',
  rate_date: '2026-11-20',
  reason_code: 'AC04',
  flow: 'erp-to-bank',
  message_id: 'MSG-0001',
};

function minimalEvent(type: string, omit?: string) {
  const data: Record<string, unknown> = { entity: 'DE01', document_id: 'DOC-1' };
  for (const field of catalogue[type]!.required) if (field !== omit) data[field] = sampleValues[field];
  return { specversion: '1.0', id: `min-${type}`, source: 'test/catalogue', type, time: '2026-11-20T10:15:00Z', data };
}

describe.each(eventTypes)('%s', (type) => {
  it('accepts a minimal event with the required fields', () => {
    expect(accepted(minimalEvent(type)).type).toBe(type);
  });

  it.each(catalogue[type]!.required.map((field) => [field]))('rejects it without data.%s', (field) => {
    expect(errorsOf(minimalEvent(type, field))).toContainEqual({ path: `data.${field}`, message: `is required for ${type}` });
  });

  it('rejects it without data.entity', () => {
    const event = minimalEvent(type);
    delete (event.data as Record<string, unknown>).entity;
    expect(errorsOf(event)).toEqual([{ path: 'data.entity', message: 'is required' }]);
  });
});

describe('documents', () => {
  const ownDocument = eventTypes.filter((type) => !catalogue[type]!.derivedDocument);

  it.each(ownDocument)('%s needs data.document_id or subject', (type) => {
    const event = minimalEvent(type);
    delete (event.data as Record<string, unknown>).document_id;
    expect(errorsOf(event)).toEqual([{ path: 'data.document_id', message: `is required for ${type} (or set subject)` }]);
  });

  it('takes the document from subject when data.document_id is absent', () => {
    const event = { ...minimalEvent('finance.invoice.approved'), subject: 'INV-7' };
    delete (event.data as Record<string, unknown>).document_id;
    expect(accepted(event).documentId).toBe('INV-7');
  });

  it('reports a required field given as null once, saying it was null', () => {
    const event = minimalEvent('finance.payment.released');
    (event.data as Record<string, unknown>).amount = null;
    expect(errorsOf(event)).toEqual([{ path: 'data.amount', message: 'is required for finance.payment.released (got null)' }]);
  });
});
