// Runs one request's statement on a lent engine connection: first brings the connection to the
// request's database, settings and parameters, then streams a SELECT chunk by chunk (a large
// result is never held whole) or runs anything else buffered, since chDB's streaming API
// refuses DDL, SHOW, INSERT and the like.
import type { ChdbQueryStream, ChdbResult, StreamChunk } from 'chdb';
import { streamExceptionBlock, toEngineFailure } from './exception-format.ts';
import type { ConnectionLease, SessionPool } from './session-pool.ts';
import { heldParamBytes, statePrelude, staleParamsUsed, type WantedState } from './session-state.ts';
import { changesConnectionState, leadingKeyword, placeholderNames } from './statement-shape.ts';

const maxHeldParamBytes = 1 << 20;

/** Applies `wanted` to the lease's connection before `statement` runs on it. */
export async function prepareConnection(
  lease: ConnectionLease,
  pool: SessionPool,
  wanted: WantedState,
  statement: string,
  baseline: Readonly<Record<string, string>>,
): Promise<void> {
  const connection = lease.connection;
  // A connection cannot forget a parameter. If this SQL could read one an earlier request left
  // (a server would answer "substitution not set"), or old values pile up, start afresh.
  const stale = staleParamsUsed(connection.state, placeholderNames(statement), wanted.params);
  if (!lease.pinned && (stale || heldParamBytes(connection.state) > maxHeldParamBytes)) pool.renew(connection);
  const { sql, next } = statePrelude(connection.state, wanted, baseline);
  if (sql !== '') {
    try {
      await connection.session.queryAsync(sql);
    } catch (error) {
      connection.discard = true; // partly applied: its state is unknown now
      throw error;
    }
  }
  connection.state = next;
  if (changesConnectionState(statement)) {
    if (lease.pinned) {
      if (leadingKeyword(statement) === 'USE') connection.state.database = undefined;
    } else {
      connection.discard = true;
    }
  }
}

/**
 * Starts `sql` as a stream and waits for its first chunk, so an error that comes before any
 * result (unknown table, bad syntax) is still answered with an error status. Returns undefined
 * when the engine refuses to stream this statement. `onEnd` runs once when the stream finishes,
 * fails or is cancelled; the connection is free again only then.
 */
export async function openResultStream(
  lease: ConnectionLease,
  sql: string,
  format: string,
  exceptionTag: string,
  onEnd: () => void,
): Promise<ReadableStream<Uint8Array> | undefined> {
  let stream: ChdbQueryStream;
  let first: IteratorResult<StreamChunk>;
  try {
    stream = lease.connection.session.queryStream(sql, { format });
  } catch (error) {
    if (isStreamingRefusal(error)) return undefined;
    throw error;
  }
  const chunks = stream[Symbol.asyncIterator]();
  try {
    first = await chunks.next();
  } catch (error) {
    if (isStreamingRefusal(error)) return undefined;
    throw error;
  }
  let pending: IteratorResult<StreamChunk> | undefined = first;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (ended) return;
      let bytes: Uint8Array | undefined;
      try {
        const next = pending ?? (await chunks.next());
        pending = undefined;
        if (!next.done) bytes = next.value.raw();
      } catch (error) {
        // Headers and rows are already out: end the body the way a server does.
        bytes = streamExceptionBlock(toEngineFailure(error), exceptionTag);
        if (ended) return;
        controller.enqueue(bytes);
        controller.close();
        end();
        return;
      }
      if (ended) return; // cancelled while the chunk was being fetched
      if (bytes === undefined) {
        controller.close();
        end();
      } else {
        controller.enqueue(bytes);
      }
    },
    async cancel() {
      if (ended) return;
      ended = true;
      try {
        await chunks.return?.(undefined); // waits for an in-flight fetch, then frees the stream
      } finally {
        onEnd();
      }
    },
  });
}

/** chDB's answer when a statement cannot be streamed (DDL, SHOW, INSERT, …). */
function isStreamingRefusal(error: unknown): boolean {
  return error instanceof Error && /Streaming query is not supported/.test(error.message);
}

/** Runs a statement and returns its whole output (for statements that do not stream). */
export function runBuffered(lease: ConnectionLease, sql: string, format: string): Promise<ChdbResult> {
  return lease.connection.session.queryAsync(sql, { format });
}
