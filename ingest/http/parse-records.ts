// Splits a request body into records by content type: one CloudEvent, a JSON batch, or NDJSON.
import { HttpProblem } from './http-problem.ts';

export interface ParsedRecord {
  index: number;
  /** The record's text as received (for the quarantine). */
  raw: string;
  value?: unknown;
  /** Set when the record is not JSON. */
  parseError?: string;
}

export type BodyKind = 'single' | 'batch' | 'ndjson' | 'json';

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
    throw new HttpProblem(415, `Content-Type "${mediaType || '(none)'}" is not accepted; use one of ${Object.keys(kinds).join(', ')}`);
  }
  return kind;
}

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
  if (value.error) throw new HttpProblem(400, `body is not valid JSON: ${value.error}`);
  if (kind === 'batch' && !Array.isArray(value.value)) throw new HttpProblem(400, 'a cloudevents-batch body must be a JSON array of events');
  if (kind === 'single' && Array.isArray(value.value)) throw new HttpProblem(400, 'a JSON array needs Content-Type application/cloudevents-batch+json');
  if (Array.isArray(value.value)) {
    if (value.value.length === 0) throw new HttpProblem(400, 'the batch is empty');
    return value.value.map((v, index) => ({ index, raw: JSON.stringify(v) ?? String(v), value: v }));
  }
  return [{ index: 0, raw: text, value: value.value }];
}

function parseLines(text: string): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const parsed = parseJson(trimmed);
    records.push(
      parsed.error
        ? { index: records.length, raw: line, parseError: parsed.error }
        : { index: records.length, raw: line, value: parsed.value },
    );
  });
  if (records.length === 0) throw new HttpProblem(400, 'the NDJSON body has no records');
  return records;
}

function parseJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof RangeError ? 'nesting is too deep' : (error as Error).message };
  }
}
