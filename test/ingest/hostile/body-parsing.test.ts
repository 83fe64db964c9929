// Splitting a body into records (parseRecords) under hostile input: each record keeps its exact
// text, repeated names are caught, extreme nesting and record counts are refused cleanly.
import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../ingest/events/validate-event.ts';
import { HttpProblem } from '../../../ingest/http/http-problem.ts';
import { maxRecordsPerBody, parseRecords, type BodyKind } from '../../../ingest/http/parse-records.ts';
import { invoiceEvent } from '../../support/finance-events.ts';

const parse = (kind: BodyKind, text: string) => parseRecords(kind, Buffer.from(text, 'utf8'));
const errorsOf = (value: unknown) => {
  const result = validateEvent(value);
  return result.ok ? [] : result.errors;
};

function refusal(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected an HttpProblem');
}

describe('raw text kept for the quarantine', () => {
  it('keeps each batch record exactly as sent, not re-serialised', () => {
    const records = parse('batch', '[ {"amount": 1e309, "zero": -0, "cents": 12.50} ,\n  "x\\"]" , [1,[2]] ]');
    expect(records.map((r) => r.raw)).toEqual(['{"amount": 1e309, "zero": -0, "cents": 12.50}', '"x\\"]"', '[1,[2]]']);
  });

  it('keeps an NDJSON line with its carriage return', () => {
    expect(parse('ndjson', '{"a":1}\r\n').map((r) => r.raw)).toEqual(['{"a":1}\r']);
  });
});

describe('repeated names', () => {
  it('rejects a batch record whose amount is given twice, naming the path', () => {
    const event = JSON.stringify(invoiceEvent()).replace('"currency"', '"amount":"1.00","currency"');
    const [record] = parse('batch', `[${event}]`);
    expect(errorsOf(record!.value)).toEqual([
      { path: 'data.amount', message: 'is given more than once in the same object; names must be unique (JSON.parse would keep only the last)' },
    ]);
  });

  it('sees a repeated name spelled with an escape', () => {
    const [record] = parse('single', '{"id":"a","\\u0069d":"b"}');
    expect(errorsOf(record!.value)[0]!.path).toBe('id');
  });

  it('leaves the other records of a batch alone', () => {
    const records = parse('batch', `[{"x":1,"x":2},${JSON.stringify(invoiceEvent())}]`);
    expect(validateEvent(records[1]!.value).ok).toBe(true);
  });

  it('checks each NDJSON line on its own', () => {
    const [record] = parse('ndjson', '{"data":{"lines":[{"q":1,"q":2}]}}');
    expect(errorsOf(record!.value)[0]!.path).toBe('data.lines[0].q');
  });
});

describe('extreme inputs', () => {
  it('splits a batch holding a million-deep array without exhausting the stack', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const records = parse('batch', `[${deep},{}]`);
    expect(records.map((r) => r.raw.length)).toEqual([deep.length, 2]);
  });

  it('parses a top-level string or number as one record', () => {
    expect(parse('ndjson', '"event"\n42').map((r) => r.value)).toEqual(['event', 42]);
  });

  it(`refuses more than ${maxRecordsPerBody} records with 413`, () => {
    const problem = refusal(() => parse('batch', `[${Array.from({ length: maxRecordsPerBody + 1 }, () => '{}').join(',')}]`));
    expect(problem.status).toBe(413);
    expect(problem.message).toBe(`the body holds more than ${maxRecordsPerBody} records; split it into smaller batches`);
  });

  it('refuses bytes that are not UTF-8 with 400', () => {
    expect(refusal(() => parseRecords('single', Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]))).message).toBe('body is not valid UTF-8');
  });

  it('ignores a leading byte-order mark', () => {
    expect(parse('single', '\ufeff{"a":1}')[0]!.value).toEqual({ a: 1 });
  });
});
