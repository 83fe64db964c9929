// The shape of a record: prototype-polluting names, nesting depth, attribute count, extension
// attribute names and values, and what data must be. Each refusal names where and why.
import { describe, expect, it } from 'vitest';
import { maxAttributes, maxDepth } from '../../../ingest/events/hostile-structure.ts';
import { maxErrorsPerRecord } from '../../../ingest/events/record-error.ts';
import { accepted, errorsOf, withAttributes, withData } from './rejection.ts';

const reserved = 'is a reserved key name and is not accepted';

describe('reserved names', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('rejects %s at the top level', (name) => {
    const record = JSON.parse(`{"${name}": {"polluted": true}, "specversion": "1.0"}`);
    expect(errorsOf(record)).toEqual([{ path: name, message: reserved }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['__proto__', 'constructor'])('rejects %s nested in data', (name) => {
    const record = withAttributes({ data: JSON.parse(`{"entity": "DE01", "lines": [{"${name}": {"admin": true}}]}`) });
    expect(errorsOf(record)).toEqual([{ path: `data.lines[0].${name}`, message: reserved }]);
  });
});

describe('nesting', () => {
  const nested = (levels: number) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = { x: value };
    return value;
  };

  it('rejects data nested deeper than the limit, naming the path', () => {
    const [error] = errorsOf(withData({ deep: nested(maxDepth) }));
    expect(error).toEqual({ path: `data.deep${'.x'.repeat(maxDepth - 1)}`, message: `nests deeper than ${maxDepth} levels` });
  });

  it('accepts nesting within the limit', () => {
    accepted(withData({ deep: nested(maxDepth - 3) }));
  });

  it('survives 10,000 levels', () => {
    expect(errorsOf(withData({ deep: nested(10_000) }))[0]!.message).toBe(`nests deeper than ${maxDepth} levels`);
  });
});

describe('extension attributes', () => {
  it('rejects names that are not 1–20 lowercase letters or digits', () => {
    expect(errorsOf(withAttributes({ TraceParent: 'x', 'trace-id': 'y' }))).toEqual([
      { path: 'TraceParent', message: 'is not a CloudEvents attribute (extension names are 1–20 lowercase letters or digits)' },
      { path: 'trace-id', message: 'is not a CloudEvents attribute (extension names are 1–20 lowercase letters or digits)' },
    ]);
  });

  it('reports a bad extension name together with other errors', () => {
    expect(errorsOf(withAttributes({ id: 5, Bad: 1 })).map((e) => e.path)).toEqual(['Bad', 'id']);
  });

  it('accepts a well-named extension', () => {
    accepted(withAttributes({ traceparent: '00-abc-01', partitionkey: 7, replayed: false }));
  });

  it('rejects an object as an extension value', () => {
    expect(errorsOf(withAttributes({ meta: { a: 1 } }))).toEqual([{ path: 'meta', message: 'extension attributes must be a string, number or boolean (got object)' }]);
  });

  it('rejects an overlong extension value', () => {
    expect(errorsOf(withAttributes({ note: 'x'.repeat(1025) }))).toEqual([{ path: 'note', message: 'must be at most 1024 characters' }]);
  });

  it(`rejects more than ${maxAttributes} attributes in one message`, () => {
    const record = withAttributes(Object.fromEntries(Array.from({ length: maxAttributes }, (_, i) => [`x${i}`, i])));
    const count = Object.keys(record).length;
    expect(errorsOf(record)).toEqual([{ path: '(record)', message: `has ${count} attributes; a CloudEvent may have at most ${maxAttributes}` }]);
  });

  it(`lists at most ${maxErrorsPerRecord} errors and counts the rest`, () => {
    const record = withAttributes(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`X${i}`, i])));
    const errors = errorsOf(record);
    expect(errors).toHaveLength(maxErrorsPerRecord + 1);
    expect(errors.at(-1)).toEqual({ path: '(record)', message: 'has 10 more problems not listed' });
  });
});

describe('data', () => {
  it.each([
    [[], 'array'],
    ['DE01', 'string'],
    [null, 'null'],
    [42, 'number'],
  ])('rejects data %j as one error at data', (data, type) => {
    expect(errorsOf(withAttributes({ data }))).toEqual([{ path: 'data', message: `must be a JSON object (got ${type})` }]);
  });

  it('rejects a missing data object', () => {
    expect(errorsOf(withAttributes({ data: undefined }))).toEqual([{ path: 'data', message: 'is required' }]);
  });

  it('rejects data over 64 KiB of JSON', () => {
    expect(errorsOf(withData({ note: 'é'.repeat(40 * 1024) }))).toEqual([{ path: 'data', message: 'is larger than 64 KiB of JSON' }]);
  });
});

describe('the record itself', () => {
  it.each([
    [[], 'array'],
    ['event', 'string'],
    [null, 'null'],
    [7, 'number'],
  ])('rejects %j as not one CloudEvent', (record, type) => {
    expect(errorsOf(record)).toEqual([{ path: '(record)', message: `must be a JSON object (one CloudEvent), not ${type}` }]);
  });

  it('rejects an unknown type without guessing', () => {
    expect(errorsOf(withAttributes({ type: 'finance.invoice.teleported' }))).toEqual([
      { path: 'type', message: 'is not in the event catalogue (unknown types are quarantined, not guessed)' },
    ]);
  });

  it('rejects a type that is an Object.prototype member', () => {
    expect(errorsOf(withAttributes({ type: 'toString' }))[0]!.path).toBe('type');
  });

  it('rejects another specversion', () => {
    expect(errorsOf(withAttributes({ specversion: '0.3' }))).toEqual([{ path: 'specversion', message: 'must be "1.0"' }]);
  });

  it('names every missing core attribute', () => {
    expect(errorsOf({})).toEqual(
      ['specversion', 'id', 'source', 'type', 'time', 'data'].map((path) => ({ path, message: path === 'specversion' ? 'is required ("1.0")' : 'is required' })),
    );
  });
});
