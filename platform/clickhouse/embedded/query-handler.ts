// Answers one ClickHouse HTTP query request: checks credentials, reads the statement (and
// any inline rows) from URL and body, borrows an engine connection (pooled, or the one kept for
// the request's session_id) and runs the insert, streamed SELECT or buffered statement on it.
import type { Readable } from 'node:stream';
import { authenticate, type EndpointUser } from './auth.ts';
import { errorResponse, resultResponse, summaryHeader, type ResponseContext } from './endpoint-responses.ts';
import { clickHouseException, EndpointException, ErrorCode, newExceptionTag, toEngineFailure } from './exception-format.ts';
import { runInsert } from './insert-execution.ts';
import type { PinnedSessions } from './pinned-sessions.ts';
import { decodedBody, multipartBoundary, parseMultipartForm, readAll } from './request-body.ts';
import { parseEndpointRequest, type EndpointRequest } from './request-parsing.ts';
import { readRequestStatement, type RequestStatement } from './request-text.ts';
import { PoolClosedError, type ConnectionLease, type SessionPool } from './session-pool.ts';
import type { WantedState } from './session-state.ts';
import { openResultStream, prepareConnection, runBuffered } from './statement-execution.ts';
import { isStreamableQuery, trailingFormat } from './statement-shape.ts';

export interface QueryHandlerDeps {
  pool: SessionPool;
  pinned: PinnedSessions;
  user: EndpointUser;
  baseline: Readonly<Record<string, string>>;
  /** Insert slice size in bytes (default 16 MiB). */
  sliceBytes?: number;
  /** Called with errors that are not ClickHouse exceptions (bugs, I/O); the client gets a generic one. */
  logError: (error: unknown, context: Record<string, unknown>) => void;
}

const maxMultipartBytes = 256 << 20;
const defaultOutputFormat = 'TabSeparated';

/** `incoming`, when given, is the Node stream of `request`'s body (read instead of `request.body`). */
export async function handleQueryRequest(request: Request, deps: QueryHandlerDeps, incoming?: Readable): Promise<Response> {
  let parsed: EndpointRequest | undefined;
  try {
    parsed = parseEndpointRequest(new URL(request.url), request.headers);
    if (request.method === 'GET' && parsed.urlQuery === undefined) return new Response('Ok.\n');
    const denied = authenticate(deps.user, parsed.credentials, parsed.bearerToken);
    if (denied) return errorResponse(denied, parsed.queryId);
    if (parsed.nativeCompression) {
      throw new EndpointException(
        clickHouseException(ErrorCode.NOT_IMPLEMENTED, 'compress=1/decompress=1 (ClickHouse block compression) is not supported by the embedded endpoint; use HTTP Content-Encoding'),
      );
    }
    const statement = await readStatement(request, parsed, incoming);
    const lease = parsed.sessionId
      ? await deps.pinned.acquire(parsed.sessionId, { timeoutSeconds: parsed.sessionTimeoutSeconds, mustExist: parsed.sessionCheck })
      : await deps.pool.acquire();
    if (request.method === 'GET' && !lease.pinned) {
      // As on a server, GET is for reading: readonly=2, which the connection then keeps for good.
      parsed.settings.readonly = '2';
      lease.connection.discard = true;
    }
    return await execute(lease, parsed, statement, deps);
  } catch (error) {
    const queryId = parsed?.queryId ?? '';
    if (error instanceof PoolClosedError) {
      return errorResponse(clickHouseException(ErrorCode.ABORTED, 'Embedded ClickHouse is shutting down'), queryId);
    }
    const failure = error instanceof EndpointException ? error.failure : toEngineFailure(error);
    if (failure.code === ErrorCode.STD_EXCEPTION && !isClientGone(error)) deps.logError(error, { queryId, sessionId: parsed?.sessionId });
    return errorResponse(failure, queryId);
  }
}

/** The client hung up while sending the body: nothing went wrong here. */
function isClientGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error instanceof Error && error.message === 'aborted');
}

/** The statement, with query parameters from a multipart form merged into `parsed.params`. */
async function readStatement(request: Request, parsed: EndpointRequest, incoming: Readable | undefined): Promise<RequestStatement> {
  const body = decodedBody(incoming ?? request.body, request.headers.get('content-encoding'));
  const boundary = multipartBoundary(request.headers.get('content-type'));
  if (boundary === undefined) return readRequestStatement(parsed.urlQuery, body);
  const form = parseMultipartForm(await readAll(body, maxMultipartBytes), boundary);
  for (const [name, value] of form) if (name.startsWith('param_')) parsed.params[name.slice('param_'.length)] = value;
  return readRequestStatement(parsed.urlQuery, bodyOf(form.get('query') ?? ''));
}

async function* bodyOf(text: string): AsyncGenerator<Buffer> {
  if (text !== '') yield Buffer.from(text);
}

async function execute(lease: ConnectionLease, parsed: EndpointRequest, statement: RequestStatement, deps: QueryHandlerDeps): Promise<Response> {
  let handedOver = false;
  const started = process.hrtime.bigint();
  const elapsedNs = () => Number(process.hrtime.bigint() - started);
  try {
    const { insert_deduplication_token: token, ...settings } = parsed.settings;
    const wanted = (s: Record<string, string>): WantedState => ({
      database: lease.pinned ? parsed.database : (parsed.database ?? 'default'),
      settings: s,
      params: parsed.params,
    });
    if (statement.kind === 'insert') {
      await prepareConnection(lease, deps.pool, wanted(settings), statement.insertQuery, deps.baseline);
      const outcome = await runInsert(lease.connection, { ...statement, deduplicationToken: token, sliceBytes: deps.sliceBytes });
      const context = responseContext(parsed, defaultOutputFormat);
      const summary = { readRows: outcome.writtenRows, readBytes: outcome.writtenBytes, ...outcome };
      return resultResponse({ ...context, compression: undefined }, '', { 'X-ClickHouse-Summary': summaryHeader(summary) });
    }
    const sql = statement.sql;
    if (sql.trim() === '') throw new EndpointException(clickHouseException(ErrorCode.SYNTAX_ERROR, 'Empty query'));
    await prepareConnection(lease, deps.pool, wanted(parsed.settings), sql, deps.baseline);
    const outputFormat = parsed.defaultFormat ?? defaultOutputFormat;
    const context = responseContext(parsed, trailingFormat(sql) ?? outputFormat);
    if (isStreamableQuery(sql)) {
      const tag = newExceptionTag();
      const stream = await openResultStream(lease, sql, outputFormat, tag, () => lease.release());
      if (stream) {
        handedOver = true;
        return resultResponse(context, stream, {
          'X-ClickHouse-Exception-Tag': tag,
          'X-ClickHouse-Summary': summaryHeader({ elapsedNs: elapsedNs() }),
        });
      }
    }
    const result = await runBuffered(lease, sql, outputFormat);
    const bytes = result.bytes();
    const summary = { readRows: result.rowsRead, readBytes: result.bytesRead, resultRows: result.rowsRead, resultBytes: bytes.length };
    return resultResponse(context, bytes, { 'X-ClickHouse-Summary': summaryHeader({ ...summary, elapsedNs: elapsedNs() }) });
  } finally {
    if (!handedOver) lease.release();
  }
}

function responseContext(parsed: EndpointRequest, format: string): ResponseContext {
  return { queryId: parsed.queryId, format, compression: parsed.responseCompression };
}
