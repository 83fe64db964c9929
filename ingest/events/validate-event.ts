// Validates one record against the CloudEvents envelope and the finance catalogue and, if
// it passes, produces the normalised event. Every failure names the field and the reason.
import { catalogue, derivedDocumentId } from './catalogue.ts';
import { coreAttributes, dataSchema, envelopeSchema, type Envelope, type EventData } from './event-schema.ts';
import { structuralProblems } from './hostile-structure.ts';
import { amountProblem, currencyProblem, minorUnits } from './money.ts';
import { schemasAccept } from './validate-event-fast-check.ts';
import { capErrors, formatPath, jsonTypeOf, type RecordError } from './record-error.ts';

export interface FinanceEvent {
  source: string;
  id: string;
  type: string;
  /** Business time, normalised to UTC milliseconds. */
  timeMs: number;
  subject: string;
  entity: string;
  documentType: string;
  documentId: string;
  correlationId: string;
  counterpartyId: string;
  counterpartyName: string;
  amount: string | null;
  currency: string;
  reference: string;
  data: Record<string, unknown>;
}

export type Validation =
  | { ok: true; event: FinanceEvent }
  | { ok: false; errors: RecordError[]; id?: string; source?: string; type?: string };

const maxDataBytes = 64 * 1024;
const extensionName = /^[a-z0-9]{1,20}$/;

export function validateEvent(record: unknown): Validation {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { ok: false, ...claimedIdentity(record), errors: [{ path: '(record)', message: `must be a JSON object (one CloudEvent), not ${jsonTypeOf(record)}` }] };
  }
  const structural = structuralProblems(record);
  if (structural.length > 0) return { ok: false, ...claimedIdentity(record), errors: capErrors(structural) };

  const r = record as Record<string, unknown>;
  const errors: RecordError[] = extensionNameErrors(r);
  // The common, valid case skips zod: the fast check says yes only where the schemas would.
  if (errors.length === 0 && schemasAccept(r)) {
    const data = r.data as Record<string, unknown>;
    return accept(r, r as Envelope, data as EventData, data);
  }
  const envelope = envelopeSchema.safeParse(record);
  if (!envelope.success) errors.push(...envelope.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  // Only a data object is checked field by field; otherwise the envelope error says what data must be.
  const rawData = isPlainObject(r.data) ? r.data : undefined;
  const data = rawData ? dataSchema.safeParse(rawData) : undefined;
  if (data && !data.success) errors.push(...data.error.issues.map((i) => ({ path: formatPath(i.path, 'data'), message: i.message })));
  if (!envelope.success || !data?.success) {
    const type = typeof r.type === 'string' && Object.hasOwn(catalogue, r.type) ? r.type : undefined;
    if (rawData && data?.success && type) errors.push(...typeRules(type, data.data, rawData));
    if (rawData && Buffer.byteLength(JSON.stringify(rawData)) > maxDataBytes) errors.push({ path: 'data', message: `is larger than ${maxDataBytes / 1024} KiB of JSON` });
    return { ok: false, ...claimedIdentity(record), errors: capErrors(dedupe(errors)) };
  }
  return accept(r, envelope.data, data.data, rawData!, errors);
}

/** The rules after the schemas (by type, size, document) and the normalised event. */
function accept(record: Record<string, unknown>, e: Envelope, d: EventData, rawData: Record<string, unknown>, errors: RecordError[] = []): Validation {
  errors.push(...typeRules(e.type, d, rawData));
  if (Buffer.byteLength(JSON.stringify(rawData)) > maxDataBytes) errors.push({ path: 'data', message: `is larger than ${maxDataBytes / 1024} KiB of JSON` });
  if (errors.length > 0) return { ok: false, ...claimedIdentity(record), errors: capErrors(dedupe(errors)) };

  const spec = catalogue[e.type]!;
  const documentId = spec.derivedDocument ? derivedDocumentId(e.type, e.data) : (d.document_id ?? e.subject ?? '');
  if (documentId === '') return { ok: false, ...claimedIdentity(record), errors: [{ path: 'data.document_id', message: `is required for ${e.type} (or set subject)` }] };

  return {
    ok: true,
    event: {
      source: e.source,
      id: e.id,
      type: e.type,
      timeMs: Date.parse(e.time),
      subject: e.subject ?? '',
      entity: d.entity,
      documentType: d.document_type ?? spec.defaultDocumentType,
      documentId,
      correlationId: d.correlation_id ?? '',
      counterpartyId: d.counterparty_id ?? '',
      counterpartyName: d.counterparty_name ?? '',
      amount: typeof d.amount === 'string' ? d.amount : null,
      currency: d.currency ?? '',
      reference: d.reference ?? d.end_to_end_id ?? '',
      data: e.data,
    },
  };
}

/** Extension attribute names, checked apart from the schema so they are reported with every other error. */
function extensionNameErrors(record: Record<string, unknown>): RecordError[] {
  return Object.keys(record)
    .filter((key) => !coreAttributes.has(key) && !extensionName.test(key))
    .map((key) => ({ path: key.toWellFormed(), message: 'is not a CloudEvents attribute (extension names are 1–20 lowercase letters or digits)' }));
}

/** Rules that depend on the type or on other fields: required fields, currency scale. */
function typeRules(type: string, d: EventData, raw: Record<string, unknown>): RecordError[] {
  const errors: RecordError[] = [];
  const missing = new Set<string>();
  for (const field of catalogue[type]!.required) {
    if (raw[field] === undefined || raw[field] === null) {
      missing.add(field);
      errors.push({ path: `data.${field}`, message: raw[field] === null ? `is required for ${type} (got null)` : `is required for ${type}` });
    }
  }
  for (const field of ['currency', 'base_currency', 'quote_currency'] as const) {
    const value = d[field];
    const problem = value === undefined ? undefined : currencyProblemOf(value);
    if (problem) errors.push({ path: `data.${field}`, message: problem });
  }
  if (d.amount !== undefined && !missing.has('amount')) {
    const scale = d.currency !== undefined ? minorUnitsOf(d.currency) : undefined;
    if (d.currency === undefined && !missing.has('currency')) errors.push({ path: 'data.currency', message: 'is required when amount is given' });
    // Without a known currency the amount is still checked as a decimal (up to 4 places).
    const problem = amountProblem(d.amount, { maxScale: scale ?? 4, signed: type === 'finance.balance.reported' });
    if (problem) {
      const noMinorUnit = scale === 0 && problem.includes('decimal place');
      errors.push({ path: 'data.amount', message: noMinorUnit ? `${problem} (${d.currency} has no minor unit)` : problem });
    }
  }
  if (d.rate !== undefined && !missing.has('rate')) {
    const problem = amountProblem(d.rate, { maxScale: 10 });
    if (problem) errors.push({ path: 'data.rate', message: problem });
    else if (/^0*(\.0*)?$/.test(d.rate as string)) errors.push({ path: 'data.rate', message: 'must be greater than zero' });
  }
  return errors;
}

// Currency lookups scan the ISO 4217 list; the answers per code are kept (a few hundred codes
// exist, and the cache is bounded so arbitrary strings cannot grow it).
const currencyAnswers = new Map<string, { problem: string | undefined; minorUnits: number | undefined }>();

function currencyAnswer(code: string) {
  let answer = currencyAnswers.get(code);
  if (!answer) {
    answer = { problem: currencyProblem(code), minorUnits: minorUnits(code) };
    if (currencyAnswers.size >= 1000) currencyAnswers.clear();
    currencyAnswers.set(code, answer);
  }
  return answer;
}

const currencyProblemOf = (code: string) => currencyAnswer(code).problem;
const minorUnitsOf = (code: string) => currencyAnswer(code).minorUnits;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The identity a refused record claims, for its rejection (worked out only on refusal). */
function claimedIdentity(record: unknown): { id?: string; source?: string; type?: string } {
  if (record === null || typeof record !== 'object') return {};
  const r = record as Record<string, unknown>;
  return { id: claimedText(r.id), source: claimedText(r.source), type: claimedText(r.type) };
}

/** Cut to the identifier limit; a cut through a surrogate pair must not leave half of it. */
function claimedText(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, 256).toWellFormed() : undefined;
}

function dedupe(errors: RecordError[]): RecordError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.path + e.message) ? false : (seen.add(e.path + e.message), true)));
}
