// OTLP attribute values (AnyValue, KeyValue lists) read from the OTLP JSON form and checked,
// with a path and a reason for anything malformed. Shared by spans, span events and resources.
import type { RecordError } from '../events/record-error.ts';

export type OtlpValue =
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  /** Exact decimal digits of the int64. */
  | { kind: 'int'; value: string }
  | { kind: 'double'; value: number }
  /** Base64, as in OTLP JSON. */
  | { kind: 'bytes'; value: string }
  | { kind: 'array'; values: OtlpValue[] }
  | { kind: 'kvlist'; entries: Attribute[] }
  | { kind: 'empty' };

export type Attribute = [key: string, value: OtlpValue];

/** Nesting of arrays and key-value lists beyond what any real attribute needs. */
export const maxValueDepth = 16;

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const doubleText = /^(-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|-?Infinity|NaN)$/;
const valueFields = ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] as const;

/** Reads a repeated KeyValue field (absent means none); problems are appended to `errors`. */
export function readAttributes(raw: unknown, path: string, errors: RecordError[], depth = 0): Attribute[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push({ path, message: 'must be an array of {key, value} attributes' });
    return [];
  }
  const out: Attribute[] = [];
  raw.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item) || typeof item.key !== 'string') {
      errors.push({ path: `${at}.key`, message: 'must be a string (each attribute is {key, value})' });
      return;
    }
    out.push([item.key, readAnyValue(item.value, `${at}.value`, errors, depth)]);
  });
  return out;
}

export function readAnyValue(raw: unknown, path: string, errors: RecordError[], depth = 0): OtlpValue {
  if (raw === undefined || raw === null) return { kind: 'empty' };
  if (!isObject(raw)) return fail(errors, path, 'must be an AnyValue object such as {"stringValue": "…"}');
  if (depth >= maxValueDepth) return fail(errors, path, `nests deeper than ${maxValueDepth} levels`);
  const set = valueFields.filter((f) => raw[f] !== undefined && raw[f] !== null);
  if (set.length === 0) return { kind: 'empty' };
  if (set.length > 1) return fail(errors, path, `sets ${set.join(' and ')}; an AnyValue holds exactly one`);
  const field = set[0]!;
  const value = raw[field];
  const at = `${path}.${field}`;
  switch (field) {
    case 'stringValue':
      return typeof value === 'string' ? { kind: 'string', value } : fail(errors, at, 'must be a string');
    case 'boolValue':
      return typeof value === 'boolean' ? { kind: 'bool', value } : fail(errors, at, 'must be true or false');
    case 'intValue':
      return readInt(value, at, errors);
    case 'doubleValue':
      return readDouble(value, at, errors);
    case 'bytesValue':
      return typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value) ? { kind: 'bytes', value } : fail(errors, at, 'must be a base64 string');
    case 'arrayValue':
      if (!isObject(value) || (value.values !== undefined && !Array.isArray(value.values))) return fail(errors, at, 'must be {"values": [AnyValue, …]}');
      return { kind: 'array', values: ((value.values ?? []) as unknown[]).map((v, i) => readAnyValue(v, `${at}.values[${i}]`, errors, depth + 1)) };
    case 'kvlistValue':
      if (!isObject(value)) return fail(errors, at, 'must be {"values": [{key, value}, …]}');
      return { kind: 'kvlist', entries: readAttributes(value.values, `${at}.values`, errors, depth + 1) };
  }
}

function readInt(value: unknown, path: string, errors: RecordError[]): OtlpValue {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { kind: 'int', value: String(value) };
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    const n = BigInt(value);
    if (n >= int64.min && n <= int64.max) return { kind: 'int', value: n.toString() };
  }
  return fail(errors, path, 'must be a 64-bit integer, as a decimal string or a number');
}

function readDouble(value: unknown, path: string, errors: RecordError[]): OtlpValue {
  if (typeof value === 'number') return { kind: 'double', value };
  // proto3 JSON: doubles may be strings, including "NaN", "Infinity" and "-Infinity".
  if (typeof value === 'string' && doubleText.test(value)) return { kind: 'double', value: Number(value) };
  return fail(errors, path, 'must be a number');
}

function fail(errors: RecordError[], path: string, message: string): OtlpValue {
  errors.push({ path, message });
  return { kind: 'empty' };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
