// ClickHouse's error conventions as the HTTP interface speaks them, so @clickhouse/client turns
// an embedded-engine failure into the same ClickHouseError (code, type, message) a server gives:
// the `Code: N. DB::Exception: … (TYPE)` text, the HTTP status a server picks for that code,
// and the `__exception__` block that ends a response whose body was already streaming.
import { randomBytes } from 'node:crypto';

/** A ClickHouse exception: its numeric code and the full `Code: N. DB::Exception: …` text. */
export interface EngineFailure {
  code: number;
  message: string;
}

/** Codes this endpoint raises itself (the engine raises the rest). */
export const ErrorCode = {
  SYNTAX_ERROR: 62,
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  UNKNOWN_SETTING: 115,
  QUERY_IS_TOO_LARGE: 229,
  ABORTED: 236,
  CANNOT_DECOMPRESS: 271,
  SESSION_NOT_FOUND: 372,
  AUTHENTICATION_FAILED: 516,
  STD_EXCEPTION: 1001,
} as const;

const codeNames: Record<number, string> = Object.fromEntries(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** Builds an exception in the engine's own wording, e.g. for authentication or bad requests. */
export function clickHouseException(code: number, text: string): EngineFailure {
  const name = codeNames[code] ?? 'UNKNOWN_EXCEPTION';
  return { code, message: `Code: ${code}. DB::Exception: ${text}. (${name})` };
}

/** An error from the engine (or from this endpoint) as a ClickHouse exception. */
export function toEngineFailure(error: unknown): EngineFailure {
  if (isEngineFailure(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  // chDB prefixes some messages ("Failed to create connection for path …Code: 76. …") and
  // leaves clickhouseCode unset on stream errors, so the code is read from the text.
  const at = text.search(/Code: \d+\./);
  if (at >= 0) {
    const message = text.slice(at).trimEnd();
    return { code: Number(/^Code: (\d+)\./.exec(message)?.[1]), message };
  }
  return clickHouseException(ErrorCode.STD_EXCEPTION, `Embedded ClickHouse endpoint failed: ${text}`);
}

export function isEngineFailure(value: unknown): value is EngineFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EngineFailure).code === 'number' &&
    typeof (value as EngineFailure).message === 'string' &&
    !(value instanceof Error)
  );
}

/** Thrown inside the endpoint to answer with a specific ClickHouse exception. */
export class EndpointException extends Error {
  constructor(readonly failure: EngineFailure) {
    super(failure.message);
    this.name = 'EndpointException';
  }
}

const statusByCode = new Map<number, number>([
  [194, 401], // REQUIRED_PASSWORD
  ...[192, 193, 516, 512, 497].map((code) => [code, 403] as [number, number]),
  ...[36, 427, 6, 25, 26, 38, 41, 72, 441, 675, 676, 27, 376, 15, 44, 37, 123, 8, 167, 168, 223, 62, 117, 53, 321].map(
    (code) => [code, 400] as [number, number],
  ),
  ...[60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78, 511].map((code) => [code, 404] as [number, number]),
  [229, 413], // QUERY_IS_TOO_LARGE
  [48, 501], // NOT_IMPLEMENTED
  [209, 503], // SOCKET_TIMEOUT
  [76, 503], // CANNOT_OPEN_FILE
  [439, 503], // CANNOT_SCHEDULE_TASK
  [381, 411], // HTTP_LENGTH_REQUIRED
  [159, 408], // TIMEOUT_EXCEEDED
  [779, 415], // UNSUPPORTED_MEDIA_TYPE
]);

/** The HTTP status ClickHouse's server answers with for an exception code (exceptionCodeToHTTPStatus). */
export function httpStatusForCode(code: number): number {
  return statusByCode.get(code) ?? 500;
}

/** Body of an error response sent before any result bytes. */
export function exceptionBody(failure: EngineFailure): string {
  return `${failure.message}\n`;
}

/** A fresh tag for the `X-ClickHouse-Exception-Tag` header (alphanumeric, like the server's). */
export function newExceptionTag(): string {
  return randomBytes(12).toString('hex');
}

/**
 * The block a ClickHouse server (25.11+) appends when a query fails after the body started:
 * `\r\n__exception__\r\n<tag>\r\n<message>\n<length> <tag>\r\n__exception__\r\n`, where length
 * counts the message and its newline. @clickhouse/client detects it by the `\r\n` and reads the
 * message back from the end of the chunk (extractErrorAtTheEndOfChunk), so it must be written
 * in one piece.
 */
export function streamExceptionBlock(failure: EngineFailure, tag: string): Buffer {
  const message = Buffer.from(`${failure.message}\n`);
  return Buffer.concat([
    Buffer.from(`\r\n__exception__\r\n${tag}\r\n`),
    message,
    Buffer.from(`${message.length} ${tag}\r\n__exception__\r\n`),
  ]);
}
