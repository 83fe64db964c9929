// The global entity and currency filters: cleaned or refused with a reason; and which page uses which.
import { describe, expect, it } from 'vitest';
import { navItemFor } from '../../web/src/app/nav-items.ts';
import { cleanCurrency, cleanEntity, parseGlobalFilters } from '../../web/src/url-state/global-filters.ts';

describe('cleanEntity and cleanCurrency', () => {
  it('upper-cases and trims valid codes', () => {
    expect(cleanEntity(' de01 ')).toEqual({ value: 'DE01' });
    expect(cleanCurrency('eur')).toEqual({ value: 'EUR' });
  });

  it('treats blank input as a cleared filter', () => {
    expect(cleanEntity('  ')).toEqual({});
    expect(cleanCurrency('')).toEqual({});
  });

  it('refuses malformed codes with a reason and an example', () => {
    expect(cleanEntity('DE 01').problem).toMatch(/e\.g\. DE01/);
    expect(cleanCurrency('EURO').problem).toMatch(/ISO 4217/);
    expect(cleanCurrency('€').problem).toBeDefined();
  });
});

describe('parseGlobalFilters', () => {
  it('drops invalid values from a hand-edited URL instead of sending them to the API', () => {
    expect(parseGlobalFilters({ entity: 'gb01', currency: 'US$', period: '7d' })).toEqual({ entity: 'GB01', currency: undefined, period: { kind: 'recent', span: '7d' } });
  });
});

describe('navItemFor', () => {
  it('finds the section of a path, the overview only at the root', () => {
    expect(navItemFor('/')?.label).toBe('Overview');
    expect(navItemFor('/quarantine')?.filters).toEqual(['period']);
    expect(navItemFor('/integration-health')?.label).toBe('Integration health');
    expect(navItemFor('/nowhere')).toBeUndefined();
  });
});
