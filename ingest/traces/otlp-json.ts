// OTLP JSON (application/json): parses the request with 64-bit integers kept exact, and
// writes responses and error Status messages in the proto3 JSON mapping.
import type { OtlpCodec } from './otlp-codec.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const otlpJson: OtlpCodec = {
  contentType: 'application/json',
  decodeRequest(body) {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      throw new Error('not valid UTF-8');
    }
    let value: unknown;
    const exact = quoteLongIntegers(text);
    try {
      value = JSON.parse(exact);
    } catch (error) {
      throw new Error(`not valid JSON: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the JSON must be an object');
    return value;
  },
  encodeResponse(response) {
    if (!response.partialSuccess) return '{}';
    // int64 fields are strings in the proto3 JSON mapping.
    const { rejectedSpans, errorMessage } = response.partialSuccess;
    return JSON.stringify({ partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } });
  },
  encodeStatus(status) {
    return JSON.stringify(status);
  },
};

/** Deeper than any OTLP request (values nest 16 levels); stops hostile nesting before parsing. */
export const maxJsonDepth = 128;

/**
 * Puts quotes around integer literals of 16 digits or more, so JSON.parse keeps them as exact
 * strings instead of rounding them to a double. OTLP allows int64 (timestamps in nanoseconds,
 * intValue) as JSON numbers, and nanosecond timestamps exceed 2^53. Strings are skipped whole,
 * so only numbers outside strings are touched. Throws if arrays and objects nest too deep.
 */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      i = endOfString(text, i);
      continue;
    }
    if (ch === 0x5b || ch === 0x7b) {
      if (++depth > maxJsonDepth) throw new Error(`JSON nests deeper than ${maxJsonDepth} levels`);
      continue;
    }
    if (ch === 0x5d || ch === 0x7d) {
      depth--;
      continue;
    }
    if (ch !== 0x2d && !isDigit(ch)) continue;
    const start = i;
    let end = ch === 0x2d ? i + 1 : i;
    const digitsStart = end;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    let numberEnd = end;
    while (numberEnd < text.length && /[0-9.eE+-]/.test(text[numberEnd]!)) numberEnd++;
    const digits = end - digitsStart;
    const plainInteger = numberEnd === end && digits >= 16 && text[digitsStart] !== '0';
    if (plainInteger) {
      out += `${text.slice(copied, start)}"${text.slice(start, end)}"`;
      copied = end;
    }
    i = numberEnd - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Index of the closing quote of the string opening at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) i += 2;
    else if (ch === 0x22) return i;
    else i++;
  }
  return i;
}

const isDigit = (ch: number) => ch >= 0x30 && ch <= 0x39;
