// The CloudEvents 1.0 envelope and the finance data object, as zod schemas. Field-level
// rules that depend on other fields (currency scale, required-by-type) live in validate-event.ts.
import { z } from 'zod';
import { eventTypes } from './catalogue.ts';

const wellFormed = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.isWellFormed(), 'contains an unpaired UTF-16 surrogate')
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters');

const identifier = (max: number) => wellFormed(max).min(1, 'must not be empty');

/** RFC 3339 timestamp with an explicit offset, checked to be a real calendar instant. */
export const rfc3339 = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T10:15:00Z')
  .refine(isRealInstant, 'is not a real date and time (check day of month and hours)');

/** A calendar date YYYY-MM-DD that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => isRealInstant(`${s}T00:00:00Z`), 'is not a real calendar date');

function isRealInstant(value: string): boolean {
  const [date, rest] = value.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = rest.slice(0, 8).split(':').map(Number) as [number, number, number];
  if (y < 1970 || y > 2199 || m < 1 || m > 12 || hh > 23 || mm > 59 || ss > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth && Number.isFinite(Date.parse(value));
}

const extensionName = /^[a-z0-9]{1,20}$/;
const coreAttributes = new Set(['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'dataschema', 'data']);

export const envelopeSchema = z
  .object({
    specversion: z.literal('1.0', { error: 'must be "1.0"' }),
    id: identifier(256),
    source: identifier(256),
    type: z.enum(eventTypes as [string, ...string[]], { error: 'is not in the event catalogue (unknown types are quarantined, not guessed)' }),
    time: rfc3339,
    subject: wellFormed(256).optional(),
    datacontenttype: z.literal('application/json', { error: 'must be application/json when given' }).optional(),
    dataschema: wellFormed(512).optional(),
    data: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  })
  .catchall(z.union([z.string().max(1024), z.number(), z.boolean()], { error: 'extension attributes must be a string, number or boolean' }))
  .superRefine((event, ctx) => {
    for (const key of Object.keys(event)) {
      if (!coreAttributes.has(key) && !extensionName.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a CloudEvents attribute (extension names are 1–20 lowercase letters or digits)' });
      }
    }
  });

const code = z.string().regex(/^[A-Z0-9][A-Z0-9_.-]{0,31}$/, 'must be 1–32 characters of A–Z, 0–9, _ . -');

/** Known data fields. Others are kept as they are in the stored data object. */
export const dataSchema = z.object({
  entity: code,
  document_type: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lowercase identifier such as supplier_invoice').optional(),
  document_id: identifier(128).optional(),
  correlation_id: identifier(128).optional(),
  counterparty_id: identifier(128).optional(),
  counterparty_name: wellFormed(256).optional(),
  amount: z.unknown().optional(),
  currency: z.string().optional(),
  reference: wellFormed(256).optional(),
  due_date: isoDate.optional(),
  promised_date: isoDate.optional(),
  value_date: isoDate.optional(),
  booking_date: isoDate.optional(),
  bucket_date: isoDate.optional(),
  balance_date: isoDate.optional(),
  rate_date: isoDate.optional(),
  credit_debit: z.enum(['CRDT', 'DBIT'], { error: 'must be CRDT or DBIT' }).optional(),
  direction: z.enum(['inflow', 'outflow'], { error: 'must be inflow or outflow' }).optional(),
  balance_type: z.enum(['opening', 'closing', 'available', 'forward_available', 'interim'], { error: 'must be opening, closing, available, forward_available or interim' }).optional(),
  category: identifier(64).optional(),
  account: identifier(64).optional(),
  reason_code: wellFormed(64).optional(),
  flow: identifier(128).optional(),
  message_id: identifier(256).optional(),
  base_currency: z.string().optional(),
  quote_currency: z.string().optional(),
  rate: z.unknown().optional(),
  end_to_end_id: wellFormed(128).optional(),
  action_id: wellFormed(128).optional(),
});

export type EventData = z.infer<typeof dataSchema>;
export type Envelope = z.infer<typeof envelopeSchema>;
