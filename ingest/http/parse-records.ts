// Splits a request body into records by content type: one CloudEvent, a JSON batch, or NDJSON.
// Each record keeps its exact text for the quarantine (never a re-serialisation, which would
// turn 1e309 into null and 12.50 into 12.5), and names that appear twice are noted, because
// JSON.parse silently keeps the last one.
import { noteDuplicateNames } from '../events/hostile-structure.ts';
import { HttpProblem } from './http-problem.ts';
import { outlineJson } from './json-outline.ts';

export interface ParsedRecord {
  index: number;
  /** The record's text as received (for the quarantine). */
  raw: string;
  value?: unknown;
  /** Set when the record is not JSON. */
  parseError?: string;
}

export type BodyKind = 'single' | 'batch' | 'ndjson' | 'json';

/** More records than this in one body is refused: each rejected record costs a quarantine row. */
export const maxRecordsPerBody = 50_000;

const kinds: Record<string, BodyKind> = {
  'application/cloudevents+json': 'single',
  'application/cloudevents-batch+json': 'batch',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'json',
};

/** The body kind for a Content-Type header, or a 415 naming what is accepted. */
export function bodyKind(contentType: string | null | undefined): BodyKind {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const kind = kinds[mediaType];
  if (!kind) {
    throw new HttpProblem(415, `Content-Type "${mediaType.slice(0, 100) || '(none)'}" is not accepted; use one of ${Object.keys(kinds).join(', ')}`);
  }
  return kind;
}

// A leading byte-order mark is dropped (RFC 8259 allows a parser to ignore it).
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseRecords(kind: BodyKind, body: Buffer): ParsedRecord[] {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpProblem(400, 'body is not valid UTF-8');
  }
  if (kind === 'ndjson') return parseLines(text);
  const value = parseJson(text);
  if (value.error !== undefined) throw new HttpProblem(400, `body is not valid JSON: ${value.error}`);
  if (kind === 'batch' && !Array.isArray(value.value)) throw new HttpProblem(400, 'a cloudevents-batch body must be a JSON array of events');
  if (kind === 'single' && Array.isArray(value.value)) throw new HttpProblem(400, 'a JSON array needs Content-Type application/cloudevents-batch+json');
  if (!Array.isArray(value.value)) {
    noteDuplicateNames(value.value, outlineJson(text).duplicates.get(0) ?? []);
    return [{ index: 0, raw: text, value: value.value }];
  }
  const batch: unknown[] = value.value;
  if (batch.length === 0) throw new HttpProblem(400, 'the batch is empty');
  refuseTooMany(batch.length);
  const outline = outlineJson(text);
  return batch.map((v, index) => {
    noteDuplicateNames(v, outline.duplicates.get(index) ?? []);
    const span = outline.elements[index];
    return { index, raw: span ? text.slice(span[0], span[1]) : String(v), value: v };
  });
}

function parseLines(text: string): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    refuseTooMany(records.length + 1);
    const parsed = parseJson(trimmed);
    if (parsed.error !== undefined) {
      records.push({ index: records.length, raw: line, parseError: parsed.error });
      continue;
    }
    if (!Array.isArray(parsed.value)) noteDuplicateNames(parsed.value, outlineJson(trimmed).duplicates.get(0) ?? []);
    records.push({ index: records.length, raw: line, value: parsed.value });
  }
  if (records.length === 0) throw new HttpProblem(400, 'the NDJSON body has no records');
  return records;
}

function refuseTooMany(count: number): void {
  if (count > maxRecordsPerBody) {
    throw new HttpProblem(413, `the body holds more than ${maxRecordsPerBody} records; split it into smaller batches`);
  }
}

function parseJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof RangeError ? 'nesting is too deep' : (error as Error).message };
  }
}
