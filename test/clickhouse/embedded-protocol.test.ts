// The embedded endpoint's protocol pieces on their own, without an engine: request parsing,
// separating SQL from insert data, row-aligned slicing with per-slice deduplication tokens,
// connection-state preludes and the mid-stream exception block the client parses.
import { ClickHouseError, extractErrorAtTheEndOfChunk } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { clickHouseException, streamExceptionBlock } from '../../platform/clickhouse/embedded/exception-format.ts';
import { runInsert } from '../../platform/clickhouse/embedded/insert-execution.ts';
import { rowAlignedSlices } from '../../platform/clickhouse/embedded/insert-slicing.ts';
import { parseEndpointRequest } from '../../platform/clickhouse/embedded/request-parsing.ts';
import { readRequestStatement } from '../../platform/clickhouse/embedded/request-text.ts';
import type { EngineConnection } from '../../platform/clickhouse/embedded/session-pool.ts';
import { freshConnectionState, statePrelude } from '../../platform/clickhouse/embedded/session-state.ts';

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const part of source) out.push(Buffer.from(part));
  return out;
}

const ledgerBody = Buffer.from(Array.from({ length: 5000 }, (_, id) => `{"id":${id},"memo":"${'m'.repeat(id % 97)}"}\n`).join(''));

describe('parseEndpointRequest', () => {
  it('keeps HTTP-only parameters away from the engine settings', () => {
    const url = new URL(
      'http://h/?query_id=q1&database=closewatch&wait_end_of_query=1&enable_http_compression=1&http_headers_progress_interval_ms=100&compress=0&max_threads=2&param_account=acc%5C%27s',
    );
    const request = parseEndpointRequest(url, new Headers());
    expect(request.settings).toEqual({ max_threads: '2' });
    expect(request.params).toEqual({ account: "acc\\'s" });
    expect(request).toMatchObject({ queryId: 'q1', database: 'closewatch', nativeCompression: false });
  });

  it('reads credentials from headers before Basic auth and URL parameters', () => {
    const url = new URL('http://h/?user=u&password=p');
    const basic = `Basic ${Buffer.from('b:secret:with:colons').toString('base64')}`;
    expect(parseEndpointRequest(url, new Headers({ 'X-ClickHouse-User': 'x', 'X-ClickHouse-Key': 'k', Authorization: basic })).credentials).toEqual({ user: 'x', password: 'k' });
    expect(parseEndpointRequest(url, new Headers({ Authorization: basic })).credentials).toEqual({ user: 'b', password: 'secret:with:colons' });
    expect(parseEndpointRequest(url, new Headers()).credentials).toEqual({ user: 'u', password: 'p' });
  });
});

describe('readRequestStatement', () => {
  it('treats the body of an INSERT … FORMAT in the URL as data, byte for byte', async () => {
    const statement = await readRequestStatement('INSERT INTO ledger (id, memo) FORMAT JSONEachRow', chunked(ledgerBody, 1000));
    expect(statement.kind).toBe('insert');
    if (statement.kind !== 'insert') return;
    expect(statement).toMatchObject({ insertQuery: 'INSERT INTO ledger (id, memo) FORMAT JSONEachRow', format: 'JSONEachRow' });
    expect(Buffer.concat(await collect(statement.data)).equals(ledgerBody)).toBe(true);
  });

  it('finds rows inline after the FORMAT line of the body', async () => {
    const body = Buffer.concat([Buffer.from('INSERT INTO ledger FORMAT JSONEachRow\n'), ledgerBody]);
    const statement = await readRequestStatement(undefined, chunked(body, 7));
    expect(statement.kind === 'insert' && Buffer.concat(await collect(statement.data)).equals(ledgerBody)).toBe(true);
  });

  it('keeps INSERT … VALUES and SELECT as SQL text', async () => {
    const values = await readRequestStatement(undefined, chunked(Buffer.from("INSERT INTO t VALUES ('FORMAT CSV\n')"), 4));
    expect(values).toEqual({ kind: 'sql', sql: "INSERT INTO t VALUES ('FORMAT CSV\n')" });
    expect(await readRequestStatement('SELECT', chunked(Buffer.from('1'), 4))).toEqual({ kind: 'sql', sql: 'SELECT\n1' });
  });
});

describe('rowAlignedSlices', () => {
  it('cuts at the same row boundaries however the body arrives', async () => {
    const bySmallChunks = await collect(rowAlignedSlices(chunked(ledgerBody, 13), 40_000));
    const byLargeChunks = await collect(rowAlignedSlices(chunked(ledgerBody, 65_536), 40_000));
    expect(bySmallChunks.map((s) => s.length)).toEqual(byLargeChunks.map((s) => s.length));
    expect(bySmallChunks.length).toBeGreaterThan(3);
    expect(bySmallChunks.every((slice) => slice.length <= 40_000 && slice.at(-1) === 0x0a)).toBe(true);
    expect(Buffer.concat(bySmallChunks).equals(ledgerBody)).toBe(true);
  });
});

describe('runInsert', () => {
  it('gives each slice its own deduplication token', async () => {
    const tokens: unknown[] = [];
    const session = {
      insert: async (params: { values: Buffer; settings?: Record<string, unknown> }) => {
        tokens.push(params.settings?.insert_deduplication_token);
        return { rowsWritten: params.values.toString().split('\n').length - 1, bytesWritten: params.values.length };
      },
    };
    const connection = { session, state: freshConnectionState(), discard: false } as unknown as EngineConnection;
    const outcome = await runInsert(connection, {
      insertQuery: 'INSERT INTO ledger FORMAT JSONEachRow',
      format: 'JSONEachRow',
      data: chunked(ledgerBody, 4096),
      deduplicationToken: 'close-2024-03',
      sliceBytes: 100_000,
    });
    expect(tokens).toEqual(['close-2024-03_0', 'close-2024-03_1', 'close-2024-03_2', 'close-2024-03_3']);
    expect(outcome.writtenRows).toBe(5000);
  });
});

describe('statePrelude', () => {
  const baseline = { async_insert: '0' };

  it('sets nothing when a connection already holds the request state', () => {
    const wanted = { database: 'closewatch', settings: { async_insert: '0', max_threads: '1' }, params: { p: 'x' } };
    const first = statePrelude(freshConnectionState(), wanted, baseline);
    expect(first.sql).toBe("USE `closewatch`; SET max_threads = '1', param_p = 'x'");
    expect(statePrelude(first.next, wanted, baseline).sql).toBe('');
  });

  it('puts back what an earlier request changed', () => {
    const changed = statePrelude(freshConnectionState(), { database: 'default', settings: { async_insert: '1', max_threads: '1' }, params: {} }, baseline);
    expect(statePrelude(changed.next, { database: 'default', settings: {}, params: {} }, baseline).sql).toBe(
      "SET async_insert = '0', max_threads = DEFAULT",
    );
  });
});

describe('streamExceptionBlock', () => {
  it('is read back by the client as the ClickHouseError it carries', () => {
    const failure = clickHouseException(395, 'Value passed to throwIf is non-zero: boom');
    const chunk = Buffer.concat([Buffer.from('{"x":0}\n'), streamExceptionBlock(failure, 'tag0123')]);
    const error = extractErrorAtTheEndOfChunk(chunk, 'tag0123');
    expect(error).toBeInstanceOf(ClickHouseError);
    expect((error as ClickHouseError).code).toBe('395');
  });
});
