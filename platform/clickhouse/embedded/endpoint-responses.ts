// The response side of the ClickHouse HTTP interface: the X-ClickHouse-* headers a server sends
// (the client reads X-ClickHouse-Summary for insert results and the exception tag to spot an
// error inside a streamed body), error responses, and optional gzip/deflate of the body.
import { endpointTimezone } from './engine-baseline.ts';
import { exceptionBody, httpStatusForCode, type EngineFailure } from './exception-format.ts';
import { isBinaryFormat } from './statement-shape.ts';

export interface ProgressSummary {
  readRows?: number;
  readBytes?: number;
  writtenRows?: number;
  writtenBytes?: number;
  resultRows?: number;
  resultBytes?: number;
  elapsedNs?: number;
}

/** X-ClickHouse-Summary: every field a string, as the server writes it. */
export function summaryHeader(summary: ProgressSummary): string {
  const text = (n: number | undefined) => String(Math.max(0, Math.round(n ?? 0)));
  return JSON.stringify({
    read_rows: text(summary.readRows),
    read_bytes: text(summary.readBytes),
    written_rows: text(summary.writtenRows),
    written_bytes: text(summary.writtenBytes),
    total_rows_to_read: '0',
    result_rows: text(summary.resultRows),
    result_bytes: text(summary.resultBytes),
    elapsed_ns: text(summary.elapsedNs),
  });
}

export interface ResponseContext {
  queryId: string;
  format: string;
  compression: 'gzip' | 'deflate' | undefined;
}

/** A successful response; `body` is streamed as it is produced. */
export function resultResponse(
  context: ResponseContext,
  body: ReadableStream<Uint8Array> | Uint8Array | string,
  extraHeaders: Record<string, string>,
): Response {
  const headers = new Headers({
    'Content-Type': contentTypeFor(context.format),
    'X-ClickHouse-Query-Id': context.queryId,
    'X-ClickHouse-Format': context.format,
    'X-ClickHouse-Timezone': endpointTimezone,
    ...extraHeaders,
  });
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  if (context.compression === undefined || (bytes instanceof Uint8Array && bytes.length === 0)) {
    return new Response(bytes as BodyInit, { status: 200, headers });
  }
  headers.set('Content-Encoding', context.compression);
  const stream = bytes instanceof Uint8Array ? singleChunk(bytes) : bytes;
  const compressor = new CompressionStream(context.compression) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return new Response(stream.pipeThrough(compressor) as BodyInit, { status: 200, headers });
}

/** An error response sent before any result bytes: status by code, message as the body. */
export function errorResponse(failure: EngineFailure, queryId: string): Response {
  return new Response(exceptionBody(failure), {
    status: httpStatusForCode(failure.code),
    headers: {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Timezone': endpointTimezone,
      'X-ClickHouse-Exception-Code': String(failure.code),
    },
  });
}

function singleChunk(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

function contentTypeFor(format: string): string {
  if (isBinaryFormat(format)) return 'application/octet-stream';
  const name = format.toLowerCase();
  if (name.startsWith('json') || name === 'ndjson') return 'application/json; charset=UTF-8';
  if (name.startsWith('csv')) return 'text/csv; charset=UTF-8; header=present';
  if (name.startsWith('tabseparated') || name.startsWith('tsv')) return 'text/tab-separated-values; charset=UTF-8';
  return 'text/plain; charset=UTF-8';
}
