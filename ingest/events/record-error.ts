// A validation failure: which field (as a path such as data.amount) and why, plus helpers
// that keep messages precise without echoing unbounded or invisible input back.

export interface RecordError {
  path: string;
  message: string;
}

/** At most this many errors are listed per record; a hostile record cannot amplify the answer. */
export const maxErrorsPerRecord = 20;

/** Renders a zod-style path (['data', 'lines', 0, 'amount']) as data.lines[0].amount. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** The JSON type of a parsed value, as a client would name it: null, array, object, string… */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A value quoted for a message: at most `max` code points, as a JSON string literal, so
 * control and invisible characters show as escapes (e.g. "\u0000") instead of vanishing.
 */
export function quoteValue(value: string, max = 40): string {
  const codePoints = Array.from(value.length > max * 2 ? value.slice(0, max * 2) : value);
  const cut = codePoints.length > max || value.length > max * 2;
  const shown = JSON.stringify(codePoints.slice(0, max).join('')).replace(/[\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff0-\uffff]/g, escape);
  return cut ? `${shown}…` : shown;
}

function escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Paths are built from client-chosen names; longer ones are cut so they cannot bloat answers. */
export const maxPathLength = 200;

/**
 * Keeps the first maxErrorsPerRecord errors, says how many more there were, and cuts
 * overlong paths, so a hostile record cannot amplify the answer or its quarantine row.
 */
export function capErrors(errors: RecordError[]): RecordError[] {
  const kept = errors.slice(0, maxErrorsPerRecord).map((e) => (e.path.length > maxPathLength ? { ...e, path: `${e.path.slice(0, maxPathLength).toWellFormed()}…` } : e));
  const more = errors.length - kept.length;
  return more > 0 ? [...kept, { path: '(record)', message: `has ${more} more problem${more === 1 ? '' : 's'} not listed` }] : kept;
}
