// A refused record's payload: re-indented exactly when it is JSON, shown as text otherwise.
import { describe, expect, it } from 'vitest';
import { describePayload, reindentJson } from '../../web/src/quarantine/raw-payload.ts';

describe('reindentJson', () => {
  it('indents objects and arrays two spaces per level', () => {
    expect(reindentJson('{"a":1,"b":[true,null],"c":{"d":"x"}}')).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ],\n  "c": {\n    "d": "x"\n  }\n}');
  });

  it('keeps every value token as received — decimals, exponents, long integers, duplicate names', () => {
    const raw = '{"amount":12.50,"rate":1e3,"id":12345678901234567890,"amount":"x"}';
    const pretty = reindentJson(raw);
    expect(pretty.replace(/\s+/g, '')).toBe(raw);
    expect(pretty).toContain('"amount": 12.50');
    expect(pretty).toContain('"id": 12345678901234567890');
    expect(pretty.match(/"amount"/g)).toHaveLength(2);
  });

  it('leaves strings alone, escaped quotes, braces and commas included', () => {
    expect(reindentJson('{"note":"a, b: {c} \\"[d]\\" \\\\"}')).toBe('{\n  "note": "a, b: {c} \\"[d]\\" \\\\"\n}');
  });

  it('keeps empty objects and arrays on one line and drops the original whitespace', () => {
    expect(reindentJson(' { "a" : { } , "b" : [ ] } ')).toBe('{\n  "a": {},\n  "b": []\n}');
  });
});

describe('describePayload', () => {
  it('marks valid JSON and re-indents it', () => {
    expect(describePayload('[1,2]')).toEqual({ kind: 'json', text: '[\n  1,\n  2\n]' });
  });

  it('returns text that is not JSON unchanged, with the parser’s reason', () => {
    const cut = '{"specversion":"1.0","id":"ap-1","da';
    const payload = describePayload(cut);
    expect(payload.kind).toBe('text');
    expect(payload.text).toBe(cut);
    expect(payload.kind === 'text' && payload.parseError.length).toBeGreaterThan(0);
  });
});
