// Splits a request body into records by content type: one CloudEvent, a JSON batch, or NDJSON.
// Each record keeps its exact text for the quarantine (never a re-serialisation, which would
// turn 1e309 into null and 12.50 into 12.5), and names that appear twice are noted, because
// JSON.parse silently keeps the last one.
import { noteDuplicateNames } from '../events/hostile-structure.ts';
import type { RecordError } from '../events/record-error.ts';
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
    records.push({ index: records.length, raw: line, ...parseRecordText(trimmed) });
  }
  if (records.length === 0) throw new HttpProblem(400, 'the NDJSON body has no records');
  return records;
}

/** One record's text parsed as ingest parses it, repeated names noted (also for replaying the quarantine). */
export function parseRecordText(text: string): { value?: unknown; parseError?: string } {
  const parsed = parseJson(text);
  if (parsed.error !== undefined) return { parseError: parsed.error };
  if (!Array.isArray(parsed.value)) noteDuplicateNames(parsed.value, outlineJson(text).duplicates.get(0) ?? []);
  return { value: parsed.value };
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

interface JsonOutline {
  /** [start, end) of each element when the text is an array. */
  elements: Array<[number, number]>;
  /** Names given twice, per record: the element index in an array, else 0. */
  duplicates: Map<number, RecordError[]>;
}

interface Frame {
  array: boolean;
  /** Current element index (arrays) or name (objects), for paths. */
  index: number;
  name: string;
  names: Set<string> | undefined;
  expectName: boolean;
}

/** Containers nested deeper than this are only counted: such records fail the depth check anyway. */
const trackedDepth = 64;
const maxDuplicatesPerRecord = 5;

/**
 * Walks text that JSON.parse accepted, without recursion and in memory bounded by
 * trackedDepth: where each top-level array element starts and ends, and repeated names.
 */
function outlineJson(text: string): JsonOutline {
  const outline: JsonOutline = { elements: [], duplicates: new Map() };
  const stack: Frame[] = [];
  let top: Frame | undefined;
  let untracked = 0;
  let elementStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x3a: // whitespace, ':'
        break;
      case 0x7b: case 0x5b: // '{', '['
        if (untracked === 0 && stack.length === 1 && top!.array) elementStart = i;
        if (untracked > 0 || stack.length >= trackedDepth) untracked++;
        else stack.push((top = { array: c === 0x5b, index: 0, name: '', names: undefined, expectName: c === 0x7b }));
        break;
      case 0x7d: case 0x5d: // '}', ']'
        if (untracked > 0) untracked--;
        else top = (stack.pop(), stack.at(-1));
        if (untracked === 0 && stack.length === 1 && top!.array) outline.elements.push([elementStart, i + 1]);
        break;
      case 0x2c: // ','
        if (untracked === 0 && top!.array) top!.index++;
        else if (untracked === 0) top!.expectName = true;
        break;
      case 0x22: { // '"'
        const close = stringEnd(text, i);
        if (untracked === 0 && top !== undefined && !top.array && top.expectName) noteName(outline, stack, text.slice(i, close + 1));
        else if (untracked === 0 && stack.length === 1 && top!.array) outline.elements.push([i, close + 1]);
        i = close;
        break;
      }
      default: { // a number, true, false or null
        const start = i;
        while (i + 1 < text.length && !isDelimiter(text.charCodeAt(i + 1))) i++;
        if (untracked === 0 && stack.length === 1 && top!.array) outline.elements.push([start, i + 1]);
      }
    }
  }
  return outline;
}

function noteName(outline: JsonOutline, stack: Frame[], literal: string): void {
  const top = stack.at(-1)!;
  const name = literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
  top.expectName = false;
  top.name = name;
  top.names ??= new Set();
  if (!top.names.has(name)) {
    top.names.add(name);
    return;
  }
  const rootIsBatch = stack[0]!.array;
  const record = rootIsBatch ? stack[0]!.index : 0;
  const list = outline.duplicates.get(record) ?? [];
  if (list.length >= maxDuplicatesPerRecord) return;
  let path = '';
  for (const frame of stack.slice(rootIsBatch ? 1 : 0, -1)) path += frame.array ? `[${frame.index}]` : `.${frame.name}`;
  path = `${path}.${name}`.slice(1).toWellFormed();
  list.push({ path, message: 'is given more than once in the same object; names must be unique (JSON.parse would keep only the last)' });
  outline.duplicates.set(record, list);
}

/** Index of the quote that closes the string opening at `open`. */
function stringEnd(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** ',' '}' ']' or whitespace: where a number or literal ends. */
function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
