// Renders OTLP attribute values for storage: as the text of a Map(String, String) value
// (scalars as written, arrays and key-value lists as JSON), or as JSON text. Integers keep
// every digit (JSON numbers written from their decimal string, never through a double).
import type { Attribute, OtlpValue } from './any-value.ts';

/** The value as stored in the attributes and resource_attributes maps. */
export function valueText(value: OtlpValue): string {
  switch (value.kind) {
    case 'string':
    case 'int':
    case 'bytes':
      return value.value;
    case 'bool':
    case 'double':
      return String(value.value);
    case 'array':
    case 'kvlist':
      return valueJson(value);
    case 'empty':
      return '';
  }
}

/** The value as JSON text: kvlists become objects, bytes base64 strings, NaN and ±Infinity strings. */
export function valueJson(value: OtlpValue): string {
  switch (value.kind) {
    case 'string':
    case 'bytes':
      return JSON.stringify(value.value);
    case 'int':
      return value.value;
    case 'bool':
      return String(value.value);
    case 'double':
      return Number.isFinite(value.value) ? JSON.stringify(value.value) : JSON.stringify(String(value.value));
    case 'array':
      return `[${value.values.map(valueJson).join(',')}]`;
    case 'kvlist':
      return attributesJson(value.entries);
    case 'empty':
      return 'null';
  }
}

/** Attributes as one JSON object; a repeated key keeps its last value. */
export function attributesJson(attributes: Attribute[]): string {
  const last = new Map(attributes);
  return `{${[...last].map(([k, v]) => `${JSON.stringify(k)}:${valueJson(v)}`).join(',')}}`;
}

/** Attributes as a string map (for Map(String, String) columns); a repeated key keeps its last value. */
export function attributesText(attributes: Attribute[]): Record<string, string> {
  return Object.fromEntries(attributes.map(([k, v]) => [k, valueText(v)]));
}
