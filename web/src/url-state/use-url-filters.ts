// useUrlFilters: read and change a set of query-string parameters as a view's filters. Each
// change is a history entry (back undoes it) unless `replace` is asked for.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { readFilters, writeFilters, type FilterValues, type WriteOptions } from './url-filters.ts';

export interface SetFilterOptions extends WriteOptions {
  replace?: boolean;
}

export interface UrlFilters<K extends string> {
  values: FilterValues<K>;
  /** Applies a patch: a value sets a parameter, undefined or "" removes it. */
  set: (patch: { readonly [key in K]?: string | undefined }, options?: SetFilterOptions) => void;
  params: URLSearchParams;
}

/** `keys` must be a stable array (a module constant). */
export function useUrlFilters<K extends string>(keys: readonly K[]): UrlFilters<K> {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => readFilters(params, keys), [params, keys]);
  const set = useCallback(
    (patch: { readonly [key in K]?: string | undefined }, options: SetFilterOptions = {}) =>
      setParams((current) => writeFilters(current, patch, options), { replace: options.replace ?? false }),
    [setParams],
  );
  return { values, set, params };
}
