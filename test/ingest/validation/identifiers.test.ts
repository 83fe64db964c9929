// Identifiers (id, source, document and counterparty ids) must be visible, bounded, valid
// Unicode, so two ids that look the same are the same; free text (names) may hold any
// printable Unicode but no controls or bidi overrides.
import { describe, expect, it } from 'vitest';
import { accepted, errorsOf, withAttributes, withData } from './rejection.ts';

describe('event id', () => {
  it.each([
    ['', 'must not be empty'],
    ['x'.repeat(257), 'must be at most 256 characters'],
    ['ap-\u0000-1', 'contains a NUL character (U+0000)'],
    ['ap-\u0007-1', 'contains control characters (U+0000–U+001F, U+007F–U+009F)'],
    ['ap-\n1', 'contains control characters (U+0000–U+001F, U+007F–U+009F)'],
    ['ap-\ud800-1', 'contains an unpaired UTF-16 surrogate (not valid Unicode)'],
    ['ap-\udfff', 'contains an unpaired UTF-16 surrogate (not valid Unicode)'],
    ['ap\u200b-1', 'contains invisible format characters (zero-width, soft hyphen or byte-order mark)'],
    ['ap-1\u202e', 'contains bidirectional override characters (U+202A–U+202E, U+2066–U+2069)'],
    ['ap-\uffff', 'contains Unicode noncharacters (such as U+FFFF)'],
    [' ap-1', 'must not start or end with whitespace'],
    ['ap\u20281', 'contains a line or paragraph separator (U+2028, U+2029)'],
  ])('rejects %j', (id, message) => {
    expect(errorsOf(withAttributes({ id }))).toEqual([{ path: 'id', message }]);
  });

  it('accepts 256 characters', () => {
    expect(accepted(withAttributes({ id: 'x'.repeat(256) })).id).toHaveLength(256);
  });

  it('rejects an id sent as a number', () => {
    expect(errorsOf(withAttributes({ id: 77812 }))).toEqual([{ path: 'id', message: 'must be a string (got number)' }]);
  });

  it('rejects a missing id', () => {
    expect(errorsOf(withAttributes({ id: undefined }))).toEqual([{ path: 'id', message: 'is required' }]);
  });
});

describe('ids inside data', () => {
  it('rejects a zero-width joiner in a document id', () => {
    expect(errorsOf(withData({ document_id: 'INV\u200d-1' }))).toEqual([
      { path: 'data.document_id', message: 'contains invisible format characters (zero-width, soft hyphen or byte-order mark)' },
    ]);
  });

  it('rejects an empty counterparty id', () => {
    expect(errorsOf(withData({ counterparty_id: '' }))).toEqual([{ path: 'data.counterparty_id', message: 'must not be empty' }]);
  });

  it('rejects a subject that differs from its look by invisible characters', () => {
    expect(errorsOf(withAttributes({ subject: 'INV-2026-000123\ufeff' }))).toEqual([
      { path: 'subject', message: 'contains invisible format characters (zero-width, soft hyphen or byte-order mark)' },
    ]);
  });
});

describe('free text', () => {
  it('accepts emoji, joiners and accents in a counterparty name', () => {
    const name = 'Müller & Söhne 👩‍👩‍👧 GmbH';
    expect(accepted(withData({ counterparty_name: name })).counterpartyName).toBe(name);
  });

  it('rejects a right-to-left override that disguises a name', () => {
    expect(errorsOf(withData({ counterparty_name: 'ACME \u202eHBmG' }))).toEqual([
      { path: 'data.counterparty_name', message: 'contains bidirectional override characters (U+202A–U+202E, U+2066–U+2069)' },
    ]);
  });

  it('rejects an unpaired surrogate in a field the schema does not know', () => {
    expect(errorsOf(withData({ note: 'half \udc00 a pair' }))).toEqual([{ path: 'data.note', message: 'contains an unpaired UTF-16 surrogate (not valid Unicode)' }]);
  });

  it('rejects a NUL in a nested unknown field', () => {
    expect(errorsOf(withData({ lines: [{ text: 'a\u0000b' }] }))).toEqual([{ path: 'data.lines[0].text', message: 'contains a NUL character (U+0000)' }]);
  });
});
