// The fast check that lets valid events skip zod must never say yes where the zod schemas
// say no (that would accept a bad event), and must say yes for ordinary valid events (or it
// saves nothing). Every field is tried with values on both sides of each rule.
import { describe, expect, it } from 'vitest';
import { dataSchema, envelopeSchema } from '../../../ingest/events/event-schema.ts';
import { schemasAccept } from '../../../ingest/events/validate-event-fast-check.ts';
import { validateEvent } from '../../../ingest/events/validate-event.ts';
import { invoiceEvent } from '../../support/finance-events.ts';

const zodAccepts = (record: Record<string, unknown>) =>
  envelopeSchema.safeParse(record).success && dataSchema.safeParse(record.data).success;

const tricky: unknown[] = [
  undefined, null, 0, 12.5, true, [], {}, ['x'], { a: 1 },
  '', ' ', 'x', ' x', 'x ', '\tx', 'x\n', 'a b', 'Müller GmbH', 'Ærø ApS', '山田商事', '👩‍💼 team', 'x\u00a0', '\u00a0x',
  'a\u0000b', 'a\u0007b', 'a\u007fb', 'a\u0085b', 'a\u00adb', 'a\u200bb', 'a\u200db', 'a\ufeffb', 'a\u202eb', 'a\u2066b',
  'a\u2028b', 'a\u2029b', 'a\ufffeb', 'a\uffffb', 'a\ud800b', 'a\udfffb', '\ud83d\ude00',
  'x'.repeat(32), 'x'.repeat(33), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(128), 'x'.repeat(129),
  'x'.repeat(256), 'x'.repeat(257), 'x'.repeat(512), 'x'.repeat(513), 'x'.repeat(1024), 'x'.repeat(1025),
  'DE01', 'de01', '_DE', 'DE-01.X_Y', 'supplier_invoice', 'Supplier', '1abc', 'EUR', 'eur', '12.50',
  'CRDT', 'DBIT', 'crdt', 'inflow', 'outflow', 'closing', 'forward_available',
  '2026-12-20', '2026-02-29', '2028-02-29', '2100-02-29', '2000-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '1969-12-31', '2200-01-01', '2026-1-1', '２０２６-12-20',
  '2026-11-20T10:15:00Z', '2026-11-20T10:15:00.123456789+01:00', '2026-11-20T24:00:00Z', '2026-11-20T10:60:00Z',
  '2026-11-20T10:15:60Z', '2026-11-20T10:15:00+24:00', '2026-11-20T10:15:00', '2026-11-20', '2199-12-31T23:59:59Z',
  '2199-12-31T23:59:59-01:00', '1970-01-01T00:00:00+00:01', '1970-01-01T00:00:00Z', 'application/json', 'text/plain', '1.0', '1',
];

const envelopeFields = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'dataschema', 'ext1', 'Bad-Name'];
const dataFields = [...Object.keys(dataSchema.shape), 'custom_field'];

function variants(): Array<{ where: string; value: unknown; record: Record<string, unknown> }> {
  const out: Array<{ where: string; value: unknown; record: Record<string, unknown> }> = [];
  for (const value of tricky) {
    for (const field of envelopeFields) {
      const record: Record<string, unknown> = { ...invoiceEvent(), [field]: value };
      if (value === undefined) delete record[field];
      out.push({ where: field, value, record });
    }
    for (const field of dataFields) {
      const base = invoiceEvent();
      const data: Record<string, unknown> = { ...base.data, [field]: value };
      if (value === undefined) delete data[field];
      out.push({ where: `data.${field}`, value, record: { ...base, data } });
    }
    const record: Record<string, unknown> = { ...invoiceEvent(), data: value };
    out.push({ where: 'data', value, record });
  }
  return out;
}

describe('fast schema check', () => {
  it('never accepts what the zod schemas refuse', () => {
    const wrongYes = variants()
      .filter(({ record }) => schemasAccept(record) && !zodAccepts(record))
      .map(({ where, value }) => `${where}=${JSON.stringify(value)}`);
    expect(wrongYes).toEqual([]);
  });

  it('accepts ordinary valid events, including non-ASCII names and extensions', () => {
    const valid = [
      invoiceEvent(),
      invoiceEvent({ type: 'finance.payment.released', data: { counterparty_name: '山田商事 👩‍💼' } }),
      { ...invoiceEvent(), traceparent: '00-abc-01', retries: 2, replay: false },
      { ...invoiceEvent(), datacontenttype: 'application/json', dataschema: 'https://example.com/s' },
      invoiceEvent({ data: { credit_debit: 'CRDT', value_date: '2028-02-29', account: 'DE89 3704', rate: '1.1' } }),
    ];
    for (const record of valid) {
      expect(zodAccepts(record)).toBe(true);
      expect(schemasAccept(record)).toBe(true);
    }
  });

  it('gives the same event as the zod path for a record it accepts', () => {
    const record = invoiceEvent({ data: { extra: { nested: [1, 'two'] }, end_to_end_id: 'E2E-1' } });
    expect(schemasAccept(record)).toBe(true);
    const result = validateEvent(record);
    const zodEnvelope = envelopeSchema.parse(record);
    expect(result.ok && result.event).toMatchObject({
      id: zodEnvelope.id,
      source: zodEnvelope.source,
      timeMs: Date.parse(zodEnvelope.time),
      counterpartyName: 'Müller GmbH',
      reference: 'RF18539007547034',
    });
    expect(result.ok && JSON.stringify(result.event.data)).toBe(JSON.stringify(zodEnvelope.data));
  });
});
