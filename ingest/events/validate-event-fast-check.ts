// A fast yes for the common case: true only when the envelope and data schemas of
// event-schema.ts would both accept the record, checked without zod (which costs most of
// validation's time on the hot ingest path). Anything it is unsure about answers false, and
// validate-event.ts then runs the zod schemas, which also word the errors. The rules here
// mirror event-schema.ts; test/ingest/validation/fast-check.test.ts holds the two together,
// and a data field this file does not know makes it answer false.
import { eventTypes } from './catalogue.ts';
import { coreAttributes, dataSchema } from './event-schema.ts';

// The same character classes as event-schema.ts, for text that is not plain printable ASCII.
const unpairedSurrogate = /\p{Cs}/u;
const controlCharacter = /\p{Cc}/u;
const formatCharacter = /(?![\u202a-\u202e\u2066-\u2069])\p{Cf}/u;
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/;
const nonCharacter = /\p{Noncharacter_Code_Point}/u;
const edgeWhitespace = /^\p{White_Space}|\p{White_Space}$/u;
const lineBreak = /[\p{Zl}\p{Zp}]/u;
/** Printable ASCII holds no control, format, bidi, surrogate, noncharacter or line separator. */
const printableAscii = /^[\x20-\x7e]*$/;

const knownTypes = new Set(eventTypes);

function isText(value: unknown, max: number): boolean {
  if (typeof value !== 'string' || value.length > max) return false;
  if (printableAscii.test(value)) return true;
  return !unpairedSurrogate.test(value) && !controlCharacter.test(value) && !bidiControl.test(value) && !nonCharacter.test(value);
}

function isIdentifier(value: unknown, max: number): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) return false;
  // The only whitespace in printable ASCII is the space.
  if (printableAscii.test(value)) return value.charCodeAt(0) !== 0x20 && value.charCodeAt(value.length - 1) !== 0x20;
  return isText(value, max) && !formatCharacter.test(value) && !lineBreak.test(value) && !edgeWhitespace.test(value);
}

const isString = (value: unknown) => typeof value === 'string';
const matches = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);
const oneOf = (...values: string[]) => (value: unknown) => typeof value === 'string' && values.includes(value);
const text = (max: number) => (value: unknown) => isText(value, max);
const identifier = (max: number) => (value: unknown) => isIdentifier(value, max);
const isoDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && calendarDateExists(value);
const anything = () => true;

/** Every field of dataSchema (all but entity optional): what a present value must be. */
const dataFields: Record<string, (value: unknown) => boolean> = {
  entity: matches(/^[A-Z0-9][A-Z0-9_.-]{0,31}$/),
  document_type: matches(/^[a-z][a-z0-9_]{0,31}$/),
  document_id: identifier(128),
  correlation_id: identifier(128),
  counterparty_id: identifier(128),
  counterparty_name: text(256),
  amount: anything,
  currency: isString,
  reference: text(256),
  due_date: isoDate,
  promised_date: isoDate,
  value_date: isoDate,
  booking_date: isoDate,
  bucket_date: isoDate,
  balance_date: isoDate,
  rate_date: isoDate,
  credit_debit: oneOf('CRDT', 'DBIT'),
  direction: oneOf('inflow', 'outflow'),
  balance_type: oneOf('opening', 'closing', 'available', 'forward_available', 'interim'),
  category: identifier(64),
  account: identifier(64),
  reason_code: text(64),
  flow: identifier(128),
  message_id: identifier(256),
  base_currency: isString,
  quote_currency: isString,
  rate: anything,
  end_to_end_id: text(128),
  action_id: text(128),
};

/** Fields of dataSchema: one this file has no rule for sends the record to zod. */
const schemaDataFields = Object.keys(dataSchema.shape);
const coversSchema = schemaDataFields.every((field) => Object.hasOwn(dataFields, field));

/**
 * True only if envelopeSchema and dataSchema both accept `record` unchanged (so the record
 * and its data object are what zod would return); false means "ask zod".
 */
export function schemasAccept(record: Record<string, unknown>): boolean {
  if (!coversSchema) return false;
  if (record.specversion !== '1.0') return false;
  if (!isIdentifier(record.id, 256) || !isIdentifier(record.source, 256)) return false;
  if (typeof record.type !== 'string' || !knownTypes.has(record.type)) return false;
  for (const key in record) {
    const value = record[key];
    switch (key) {
      case 'specversion': case 'id': case 'source': case 'type': case 'time': case 'data':
        break;
      case 'subject':
        if (!isIdentifier(value, 256)) return false;
        break;
      case 'datacontenttype':
        if (value !== 'application/json') return false;
        break;
      case 'dataschema':
        if (!isText(value, 512)) return false;
        break;
      default:
        if (coreAttributes.has(key) || !isExtensionValue(value)) return false;
    }
  }
  const data = record.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return false;
  const fields = data as Record<string, unknown>;
  if (fields.entity === undefined) return false;
  for (const field of schemaDataFields) {
    const value = fields[field];
    if (value !== undefined && !dataFields[field]!(value)) return false;
  }
  return isInstant(record.time);
}

function isExtensionValue(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && value.length <= 1024 && !unpairedSurrogate.test(value);
}

const timestampPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(2200, 0, 1);

/** An RFC 3339 timestamp with offset naming a real instant in 1970–2199 (rfc3339 in event-schema.ts). */
function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = timestampPattern.exec(value);
  if (!m) return false;
  const [, date, hh, mm, ss, , , offH, offM] = m;
  if (!calendarDateExists(date!) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return false;
  if (offH !== undefined && (Number(offH) > 23 || Number(offM) > 59)) return false;
  const ms = Date.parse(value);
  return ms >= earliest && ms < latest;
}

/** Whether a YYYY-MM-DD date (already matched by the pattern) exists in 1970–2199. */
function calendarDateExists(date: string): boolean {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (y < 1970 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}
