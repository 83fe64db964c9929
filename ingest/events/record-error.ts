// A validation failure: which field (as a path such as data.amount) and why.

export interface RecordError {
  path: string;
  message: string;
}

/** Renders a zod-style path (['data', 'lines', 0, 'amount']) as data.lines[0].amount. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
