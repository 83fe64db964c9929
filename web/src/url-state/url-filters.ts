// Filters kept in the URL query string, so a view is a shareable link and back/forward work.
// Pure reads and writes of URLSearchParams; the hook around them is use-url-filters.ts.

export type FilterValues<K extends string> = { readonly [key in K]?: string };

/** The non-empty, trimmed values of `keys`; a missing or blank parameter is absent. */
export function readFilters<K extends string>(params: URLSearchParams, keys: readonly K[]): FilterValues<K> {
  const values: { [key in K]?: string } = {};
  for (const key of keys) {
    const value = params.get(key)?.trim();
    if (value) values[key] = value;
  }
  return values;
}

export interface WriteOptions {
  /** Parameters to drop as well, e.g. the page number when a filter changes. */
  reset?: readonly string[];
}

/** A copy of `params` with `patch` applied: a value sets, undefined or blank removes. Other parameters stay. */
export function writeFilters(params: URLSearchParams, patch: { readonly [key: string]: string | undefined }, options: WriteOptions = {}): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of options.reset ?? []) next.delete(key);
  for (const [key, value] of Object.entries(patch)) {
    const trimmed = value?.trim();
    if (trimmed) next.set(key, trimmed);
    else next.delete(key);
  }
  return next;
}

/** Only `keys` of `params`, as a "?a=1&b=2" search string ("" when none), e.g. to carry global filters across pages. */
export function searchWith(params: URLSearchParams, keys: readonly string[]): string {
  const kept = new URLSearchParams();
  for (const key of keys) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text === '' ? '' : `?${text}`;
}
