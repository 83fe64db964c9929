// Structural checks that run before schema validation: prototype-polluting keys and
// nesting deeper than any finance payload needs.
import type { RecordError } from './record-error.ts';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
export const maxDepth = 16;

/** Finds forbidden keys and excessive depth anywhere in a parsed JSON value. */
export function structuralProblems(value: unknown, path = '', depth = 0, out: RecordError[] = []): RecordError[] {
  if (out.length >= 10) return out;
  if (depth > maxDepth) {
    out.push({ path: path || '(record)', message: `nests deeper than ${maxDepth} levels` });
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => structuralProblems(item, `${path}[${i}]`, depth + 1, out));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (forbiddenKeys.has(key)) out.push({ path: child, message: 'is a reserved key name and is not accepted' });
      else structuralProblems((value as Record<string, unknown>)[key], child, depth + 1, out);
    }
  }
  return out;
}
