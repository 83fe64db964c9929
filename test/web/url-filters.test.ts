// Filters in the query string: read, patched without losing other parameters, carried across pages.
import { describe, expect, it } from 'vitest';
import { readFilters, searchWith, writeFilters } from '../../web/src/url-state/url-filters.ts';

const keys = ['source', 'status', 'page'] as const;

describe('readFilters', () => {
  it('reads the named parameters, trimmed, and leaves blanks out', () => {
    const params = new URLSearchParams('source=%20ap%2Fcoupa-eu%20&status=&other=x');
    expect(readFilters(params, keys)).toEqual({ source: 'ap/coupa-eu' });
  });
});

describe('writeFilters', () => {
  it('sets, removes and keeps parameters, and returns a copy', () => {
    const params = new URLSearchParams('source=a&period=24h&page=3');
    const next = writeFilters(params, { source: 'bank/ing', status: 'quarantined' }, { reset: ['page'] });
    expect(next.toString()).toBe('source=bank%2Fing&period=24h&status=quarantined');
    expect(params.toString()).toBe('source=a&period=24h&page=3');
  });

  it('removes a parameter set to undefined or blank', () => {
    const params = new URLSearchParams('source=a&status=replayed');
    expect(writeFilters(params, { source: undefined, status: '  ' }).toString()).toBe('');
  });
});

describe('searchWith', () => {
  it('keeps only the named parameters, as a search string', () => {
    const params = new URLSearchParams('entity=DE01&source=x&period=7d&open=abc');
    expect(searchWith(params, ['entity', 'currency', 'period'])).toBe('?entity=DE01&period=7d');
    expect(searchWith(new URLSearchParams('source=x'), ['entity'])).toBe('');
  });
});
