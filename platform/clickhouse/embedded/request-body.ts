// The request body as a stream of bytes: decompressed when the client compressed it
// (Content-Encoding gzip/deflate/br, as `compression: { request: true }` does), and the
// multipart/form-data form a client uses to send large query parameters.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';
import { clickHouseException, EndpointException, ErrorCode } from './exception-format.ts';

/**
 * Decompresses `body` per its Content-Encoding; yields nothing for an empty body. Under
 * @hono/node-server the Node request stream itself can be passed, skipping two conversions
 * to and from a web stream per chunk.
 */
export function decodedBody(body: ReadableStream<Uint8Array> | Readable | null, contentEncoding: string | null): AsyncIterable<Buffer> {
  if (body === null) return emptyBody();
  const raw = body instanceof Readable ? body : Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
  const decoder = decompressorFor((contentEncoding ?? '').trim().toLowerCase());
  if (decoder === undefined) return raw;
  raw.on('error', (error) => decoder.destroy(error));
  decoder.on('error', () => raw.destroy());
  return rethrowAsCannotDecompress(raw.pipe(decoder));
}

async function* emptyBody(): AsyncGenerator<Buffer> {}

function decompressorFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding) {
    case '':
    case 'identity':
    case 'none':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new EndpointException(
        clickHouseException(
          ErrorCode.NOT_IMPLEMENTED,
          `Content-Encoding '${encoding}' is not supported by the embedded ClickHouse endpoint; use gzip, deflate or br`,
        ),
      );
  }
}

async function* rethrowAsCannotDecompress(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (error) {
    if (error instanceof Error && 'errno' in error) {
      throw new EndpointException(clickHouseException(ErrorCode.CANNOT_DECOMPRESS, `Cannot decompress the request body: ${error.message}`));
    }
    throw error;
  }
}

/** Reads the whole body into one Buffer, refusing more than `limitBytes`. */
export async function readAll(body: AsyncIterable<Buffer>, limitBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limitBytes) {
      throw new EndpointException(
        clickHouseException(ErrorCode.QUERY_IS_TOO_LARGE, `Request body exceeds ${limitBytes} bytes`),
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

/** The boundary of a multipart/form-data Content-Type, or undefined for any other body. */
export function multipartBoundary(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Parses a multipart/form-data body into its named text parts (`query`, `param_<name>`). */
export function parseMultipartForm(body: Buffer, boundary: string): Map<string, string> {
  const parts = new Map<string, string>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const partStart = at + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = body.subarray(partStart, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headerText = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headerText)?.[1];
      // The value ends with the CRLF that precedes the next delimiter.
      const value = part.subarray(headerEnd + 4, part.length - 2).toString('utf8');
      if (name !== undefined) parts.set(name, value);
    }
    at = next;
  }
  return parts;
}
