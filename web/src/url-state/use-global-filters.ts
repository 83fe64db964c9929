// The dashboard-wide filters from the URL, parsed, with a setter that keeps the rest of the URL.
import { useMemo } from 'react';
import { globalFilterKeys, parseGlobalFilters, type GlobalFilters } from './global-filters.ts';
import { useUrlFilters, type UrlFilters } from './use-url-filters.ts';

export function useGlobalFilters(): GlobalFilters & { set: UrlFilters<(typeof globalFilterKeys)[number]>['set'] } {
  const { values, set } = useUrlFilters(globalFilterKeys);
  const filters = useMemo(() => parseGlobalFilters(values), [values]);
  return { ...filters, set };
}
