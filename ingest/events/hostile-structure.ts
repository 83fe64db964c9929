// Structural checks that run before schema validation: prototype-polluting keys, nesting
// deeper than any finance payload needs, text that cannot be stored as UTF-8, numbers that
// JSON.parse could not keep exactly, too many attributes, and names that appeared twice in
// the JSON text (noted by the body parser, since JSON.parse silently keeps only the last one).
import type { RecordError } from './record-error.ts';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
export const maxDepth = 16;
/** Core attributes plus a generous number of extensions. */
export const maxAttributes = 64;
const maxProblems = 10;

const unpairedSurrogate = /\p{Cs}/u;

/** Duplicate names found in the text each parsed record came from, keyed by the parsed value. */
const duplicateNames = new WeakMap<object, RecordError[]>();

/** Remembers that the text `value` was parsed from repeated a name (see parse-records.ts). */
export function noteDuplicateNames(value: unknown, errors: RecordError[]): void {
  if (value !== null && typeof value === 'object' && errors.length > 0) duplicateNames.set(value, errors);
}

/** Every structural problem of a parsed record (at most ten), before any schema runs. */
export function structuralProblems(record: object): RecordError[] {
  const out: RecordError[] = [...(duplicateNames.get(record) ?? [])];
  const attributes = Object.keys(record).length;
  if (attributes > maxAttributes) {
    out.push({ path: '(record)', message: `has ${attributes} attributes; a CloudEvent may have at most ${maxAttributes}` });
    return out;
  }
  walk(record, '', 0, out);
  return out.slice(0, maxProblems);
}

function walk(value: unknown, path: string, depth: number, out: RecordError[]): void {
  if (out.length >= maxProblems) return;
  if (depth > maxDepth) {
    out.push({ path, message: `nests deeper than ${maxDepth} levels` });
    return;
  }
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out.push({ path: path || '(record)', message: problem });
    return;
  }
  if (typeof value === 'number') {
    const problem = numberProblem(value);
    if (problem) out.push({ path: path || '(record)', message: problem });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && out.length < maxProblems; i++) walk(value[i], `${path}[${i}]`, depth + 1, out);
    return;
  }
  for (const key of Object.keys(value)) {
    if (out.length >= maxProblems) return;
    const child = path ? `${path}.${key}` : key;
    const keyProblem = textProblem(key);
    if (forbiddenKeys.has(key)) out.push({ path: child, message: 'is a reserved key name and is not accepted' });
    else if (keyProblem) out.push({ path: child.toWellFormed(), message: `name ${keyProblem}` });
    else walk((value as Record<string, unknown>)[key], child, depth + 1, out);
  }
}

/** JSON.parse turns 1e309 into Infinity and rounds big integers: the stored value would differ from the sent one. */
function numberProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return 'is a number too large to represent (such as 1e309); send it as a decimal string';
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return 'is an integer beyond 2^53 that would lose digits; send it as a string';
  return undefined;
}

/** Text that can never be a finance value and cannot be kept faithfully as UTF-8. */
function textProblem(text: string): string | undefined {
  if (unpairedSurrogate.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  return undefined;
}
