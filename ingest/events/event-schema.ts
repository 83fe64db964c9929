// The CloudEvents 1.0 envelope and the finance data object, as zod schemas. Field-level
// rules that depend on other fields (currency scale, required-by-type) live in validate-event.ts.
// Every message names the reason, e.g. which calendar part of a timestamp does not exist.
import { z } from 'zod';
import { eventTypes } from './catalogue.ts';
import { jsonTypeOf } from './record-error.ts';

/** "is required" when absent, otherwise "must be <expected> (got <type>)". */
const expecting = (expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected} (got ${jsonTypeOf(issue.input)})`),
});

const unpairedSurrogate = /\p{Cs}/u;
const controlCharacter = /\p{Cc}/u;
// Invisible characters that make two identifiers look the same (zero-width, BOM, soft hyphen…);
// bidi controls, also format characters, have their own message.
const formatCharacter = /(?![\u202a-\u202e\u2066-\u2069])\p{Cf}/u;
// Bidi embeddings, overrides and isolates: they reorder how a name is displayed (Trojan Source).
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/;
const nonCharacter = /\p{Noncharacter_Code_Point}/u;
const edgeWhitespace = /^\p{White_Space}|\p{White_Space}$/u;
const lineBreak = /[\p{Zl}\p{Zp}]/u;

/** Free text such as a counterparty name: any printable Unicode, including emoji and joiners. */
const text = (max: number) =>
  z
    .string(expecting('a string'))
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !unpairedSurrogate.test(s), 'contains an unpaired UTF-16 surrogate (not valid Unicode)')
    .refine((s) => !controlCharacter.test(s), 'contains control characters (U+0000–U+001F, U+007F–U+009F)')
    .refine((s) => !bidiControl.test(s), 'contains bidirectional override characters (U+202A–U+202E, U+2066–U+2069)')
    .refine((s) => !nonCharacter.test(s), 'contains Unicode noncharacters (such as U+FFFF)');

/** An identifier: non-empty, visible, no edge whitespace, so equal-looking ids are equal. */
const identifier = (max: number) =>
  text(max)
    .min(1, 'must not be empty')
    .refine((s) => !formatCharacter.test(s), 'contains invisible format characters (zero-width, soft hyphen or byte-order mark)')
    .refine((s) => !lineBreak.test(s), 'contains a line or paragraph separator (U+2028, U+2029)')
    .refine((s) => !edgeWhitespace.test(s), 'must not start or end with whitespace');

/** RFC 3339 timestamp with an explicit offset, checked to be a real calendar instant. */
export const rfc3339 = z.string(expecting('an RFC 3339 timestamp string')).superRefine((value, ctx) => {
  const problem = instantProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A calendar date YYYY-MM-DD that exists. */
export const isoDate = z.string(expecting('a date string YYYY-MM-DD')).superRefine((value, ctx) => {
  const problem = /^\d{4}-\d{2}-\d{2}$/.test(value) ? calendarProblem(value) : 'must be a date YYYY-MM-DD';
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const timestampPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(2200, 0, 1);

function instantProblem(value: string): string | undefined {
  const m = timestampPattern.exec(value);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'is a date without a time; send an RFC 3339 timestamp such as 2026-11-20T10:15:00Z';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return 'has no UTC offset; add Z or ±hh:mm, e.g. 2026-11-20T10:15:00Z';
    return 'must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T10:15:00Z';
  }
  const [, date, hh, mm, ss, , , offH, offM] = m;
  const dateProblem = calendarProblem(date!);
  if (dateProblem) return dateProblem;
  if (Number(hh) > 23) return `hour ${hh} does not exist (00–23)`;
  if (Number(mm) > 59) return `minute ${mm} does not exist (00–59)`;
  if (Number(ss) > 59) return `second ${ss} does not exist (00–59; leap seconds are not accepted)`;
  if (offH !== undefined && (Number(offH) > 23 || Number(offM) > 59)) return `offset ${value.slice(-6)} is not a valid UTC offset`;
  const ms = Date.parse(value);
  if (!(ms >= earliest && ms < latest)) return 'is outside the accepted range 1970-01-01T00:00:00Z to 2199-12-31T23:59:59Z';
  return undefined;
}

function calendarProblem(date: string): string | undefined {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (y < 1970 || y > 2199) return `year ${y} is outside the accepted range 1970–2199`;
  if (m < 1 || m > 12) return `month ${String(m).padStart(2, '0')} does not exist`;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return `day ${String(d).padStart(2, '0')} does not exist in ${date.slice(0, 7)}`;
  return undefined;
}

/** CloudEvents context attributes; anything else is an extension (checked in validate-event.ts). */
export const coreAttributes = new Set(['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'dataschema', 'data']);

const extensionValue = z
  .union([z.string(), z.number(), z.boolean()], { error: (i) => `extension attributes must be a string, number or boolean (got ${jsonTypeOf(i.input)})` })
  .refine((v) => typeof v !== 'string' || v.length <= 1024, 'must be at most 1024 characters')
  .refine((v) => typeof v !== 'string' || !unpairedSurrogate.test(v), 'contains an unpaired UTF-16 surrogate (not valid Unicode)');

export const envelopeSchema = z
  .object({
    specversion: z.literal('1.0', { error: (i) => (i.input === undefined ? 'is required ("1.0")' : 'must be "1.0"') }),
    id: identifier(256),
    source: identifier(256),
    type: z.enum(eventTypes as [string, ...string[]], {
      error: (i) => (i.input === undefined ? 'is required' : 'is not in the event catalogue (unknown types are quarantined, not guessed)'),
    }),
    time: rfc3339,
    // The subject stands in for data.document_id when that is absent, so it is an identifier.
    subject: identifier(256).optional(),
    datacontenttype: z.literal('application/json', { error: 'must be application/json when given' }).optional(),
    dataschema: text(512).optional(),
    data: z.record(z.string(), z.unknown(), expecting('a JSON object')),
  })
  .catchall(extensionValue);

const code = z.string(expecting('a string')).regex(/^[A-Z0-9][A-Z0-9_.-]{0,31}$/, 'must be 1–32 characters of A–Z, 0–9, _ . -');
const currencyCode = z.string(expecting('a three-letter ISO 4217 code such as "EUR"'));
const oneOf = (values: [string, ...string[]]) =>
  z.enum(values, { error: (i) => (i.input === undefined ? 'is required' : `must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`) });

/** Known data fields. Others are kept as they are in the stored data object. */
export const dataSchema = z.object({
  entity: code,
  document_type: z.string(expecting('a string')).regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lowercase identifier such as supplier_invoice').optional(),
  document_id: identifier(128).optional(),
  correlation_id: identifier(128).optional(),
  counterparty_id: identifier(128).optional(),
  counterparty_name: text(256).optional(),
  amount: z.unknown().optional(),
  currency: currencyCode.optional(),
  reference: text(256).optional(),
  due_date: isoDate.optional(),
  promised_date: isoDate.optional(),
  value_date: isoDate.optional(),
  booking_date: isoDate.optional(),
  bucket_date: isoDate.optional(),
  balance_date: isoDate.optional(),
  rate_date: isoDate.optional(),
  credit_debit: oneOf(['CRDT', 'DBIT']).optional(),
  direction: oneOf(['inflow', 'outflow']).optional(),
  balance_type: oneOf(['opening', 'closing', 'available', 'forward_available', 'interim']).optional(),
  category: identifier(64).optional(),
  account: identifier(64).optional(),
  reason_code: text(64).optional(),
  flow: identifier(128).optional(),
  message_id: identifier(256).optional(),
  base_currency: currencyCode.optional(),
  quote_currency: currencyCode.optional(),
  rate: z.unknown().optional(),
  end_to_end_id: text(128).optional(),
  action_id: text(128).optional(),
});

export type EventData = z.infer<typeof dataSchema>;
export type Envelope = z.infer<typeof envelopeSchema>;
