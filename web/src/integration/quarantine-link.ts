// The quarantine view behind a source's rejected count: the same global filters (period), plus
// the source when the quarantine can be filtered by it.
import { globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';

/** Sources ingest counts under a placeholder because the record's source could not be trusted. */
const unfilterableSources = new Set(['', '(unverified)']);

export function canFilterQuarantineBy(source: string): boolean {
  return !unfilterableSources.has(source);
}

/** Search string ("?…" or "") of /quarantine for records from `source`, keeping the global filters of `current`. */
export function quarantineSearch(current: URLSearchParams, source?: string): string {
  const params = new URLSearchParams(searchWith(current, globalFilterKeys));
  if (source !== undefined && canFilterQuarantineBy(source)) params.set('source', source);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
