// The embedded ClickHouse endpoint as product code sees it: only through @clickhouse/client.
// DDL, inserts, parameters, formats, errors (before and in the middle of a stream), parallel
// queries, per-request settings, deduplicated retries, sessions, auth and compression.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseError, createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedClickHouse, type EmbeddedClickHouse } from '../../platform/clickhouse/embedded/start.ts';

let dataDir: string;
let engine: EmbeddedClickHouse;
let client: ClickHouseClient;
const quiet = { log: { level: 127 } } as const; // errors are expected here; keep the client's logger silent

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cw-ch-endpoint-'));
  engine = await startEmbeddedClickHouse({ dataDir, port: 0 });
  client = connect();
});
afterAll(async () => {
  await client?.close();
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function connect(extra: Parameters<typeof createClient>[0] = {}): ClickHouseClient {
  return createClient({ url: engine.url, username: engine.username, password: engine.password, ...quiet, ...extra });
}

async function rows<T>(query: string, extra: Omit<Parameters<ClickHouseClient['query']>[0], 'query'> = {}): Promise<T[]> {
  return (await client.query({ ...extra, query, format: 'JSONEachRow' })).json<T>();
}

async function failure(promise: Promise<unknown>): Promise<ClickHouseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClickHouseError);
  return error as ClickHouseError;
}

describe('embedded ClickHouse endpoint', () => {
  it('answers a ping', async () => {
    expect(await client.ping()).toEqual({ success: true });
  });

  it('runs DDL', async () => {
    await client.command({ query: 'CREATE TABLE ddl_probe (id UInt64, note String) ENGINE = MergeTree ORDER BY id' });
    expect(await rows('EXISTS TABLE ddl_probe')).toEqual([{ result: 1 }]);
    await client.command({ query: 'DROP TABLE ddl_probe' });
    expect(await rows('EXISTS TABLE ddl_probe')).toEqual([{ result: 0 }]);
  });

  it('inserts 100k JSONEachRow rows and reports them written', async () => {
    await client.command({ query: 'CREATE TABLE ledger_lines (id UInt64, account String, amount Decimal(18, 2)) ENGINE = MergeTree ORDER BY id' });
    const values = Array.from({ length: 100_000 }, (_, id) => ({ id, account: `acc_${id % 500}`, amount: `${id}.25` }));
    const result = await client.insert({ table: 'ledger_lines', values, format: 'JSONEachRow' });
    expect(result.summary?.written_rows).toBe('100000');
    expect(await rows('SELECT count() AS n, toString(sum(amount)) AS total FROM ledger_lines')).toEqual([
      { n: '100000', total: '4999975000' },
    ]);
  });

  it('round-trips String parameters exactly', async () => {
    const text = `it's "quoted" \\ back\\slash\nnew line\ttab\rreturn ünïcødé 💶 {x:String}`;
    expect(await rows('SELECT {text:String} AS text', { query_params: { text } })).toEqual([{ text }]);
  });

  it('round-trips DateTime64(3), Decimal(18,2) and Array(String) parameters', async () => {
    const params = { at: new Date('2024-03-31T23:59:58.123Z'), amount: '12345678901234.56', refs: ["INV-1'A", 'INV\\2', 'new\nline'] };
    const result = await rows('SELECT {at:DateTime64(3)} AS at, {amount:Decimal(18, 2)} AS amount, {refs:Array(String)} AS refs', {
      query_params: params,
      clickhouse_settings: { output_format_json_quote_decimals: 1 },
    });
    expect(result).toEqual([{ at: '2024-03-31 23:59:58.123', amount: '12345678901234.56', refs: params.refs }]);
  });

  it('sends parameters in a multipart body when asked', async () => {
    const refs = Array.from({ length: 2000 }, (_, i) => `INV-${i}`);
    const result = await rows<{ n: string }>('SELECT length({refs:Array(String)}) AS n', { query_params: { refs }, use_multipart_params: true });
    expect(result).toEqual([{ n: '2000' }]);
  });

  it('returns JSONEachRow, JSON, JSONCompactEachRow and CSVWithNames', async () => {
    const query = "SELECT number AS id, concat('acc_', toString(number)) AS account FROM numbers(2)";
    expect(await (await client.query({ query, format: 'JSONEachRow' })).json()).toEqual([
      { id: '0', account: 'acc_0' },
      { id: '1', account: 'acc_1' },
    ]);
    const json = await (await client.query({ query, format: 'JSON' })).json<{ id: string; account: string }>();
    expect(json.data).toEqual([
      { id: '0', account: 'acc_0' },
      { id: '1', account: 'acc_1' },
    ]);
    expect(json.meta).toEqual([
      { name: 'id', type: 'UInt64' },
      { name: 'account', type: 'String' },
    ]);
    expect(await (await client.query({ query, format: 'JSONCompactEachRow' })).json()).toEqual([
      ['0', 'acc_0'],
      ['1', 'acc_1'],
    ]);
    expect(await (await client.query({ query, format: 'CSVWithNames' })).text()).toBe('"id","account"\n0,"acc_0"\n1,"acc_1"\n');
  });

  it('raises an unknown table as ClickHouseError 60', async () => {
    const error = await failure(rows('SELECT * FROM no_such_ledger'));
    expect(error.code).toBe('60');
    expect(error.type).toBe('UNKNOWN_TABLE');
  });

  it('raises a syntax error as ClickHouseError 62', async () => {
    const error = await failure(client.command({ query: 'SELEC 1' }));
    expect(error.code).toBe('62');
  });

  it('rejects a stream whose query fails with code 395', async () => {
    const read = async () => {
      const result = await client.query({ query: "SELECT throwIf(number = 100000, 'boom') AS x FROM numbers(200000)", format: 'JSONEachRow' });
      for await (const _ of result.stream()) { /* drain */ }
    };
    expect((await failure(read())).code).toBe('395');
  });

  it('reports an error that comes after rows were streamed', async () => {
    const query = "SELECT number, throwIf(number >= 150000, 'late failure') AS x FROM numbers(200000) SETTINGS max_threads = 1, max_block_size = 10000";
    const result = await client.query({ query, format: 'JSONEachRow' });
    let received = 0;
    const error = await failure((async () => { for await (const batch of result.stream()) received += batch.length; })());
    expect(error.code).toBe('395');
    expect(error.message).toContain('late failure');
    expect(received).toBeGreaterThan(0); // the error arrived inside a 200 response, after rows
  });

  it('streams 200k rows', async () => {
    const result = await client.query({ query: 'SELECT number FROM numbers(200000)', format: 'JSONCompactEachRow' });
    let received = 0;
    for await (const batch of result.stream()) received += batch.length;
    expect(received).toBe(200_000);
  });

  it('frees the engine connection when a client abandons a stream', async () => {
    for (let i = 0; i < 10; i++) {
      // More abandoned streams than pooled connections: a leak would leave the next query waiting forever.
      const result = await client.query({ query: 'SELECT number FROM numbers(100000000)', format: 'JSONEachRow' });
      for await (const _ of result.stream()) break;
      result.close();
    }
    expect(await rows('SELECT 1 AS still_serving')).toEqual([{ still_serving: 1 }]);
  });

  it('runs 20 concurrent queries in parallel', async () => {
    const query = 'SELECT sum(sleepEachRow(0.05)) AS s FROM numbers(4) SETTINGS max_block_size = 1';
    const started = performance.now();
    await rows(query);
    const serial = 20 * (performance.now() - started);
    const concurrentStart = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => rows(query)));
    expect(performance.now() - concurrentStart).toBeLessThan(0.5 * serial);
  });

  it('applies per-request settings and does not carry them to the next request', async () => {
    const read = (settings: Record<string, string | number> = {}) =>
      rows<Record<string, string>>(
        "SELECT toString(getSetting('max_block_size')) AS block, toString(getSetting('async_insert')) AS async",
        { clickhouse_settings: settings },
      );
    for (let round = 0; round < 8; round++) {
      expect(await read({ max_block_size: 1234, async_insert: 1 })).toEqual([{ block: '1234', async: 'true' }]);
      expect(await read()).toEqual([{ block: '65409', async: 'false' }]);
    }
  });

  it('does not let a query read a parameter an earlier request sent', async () => {
    await rows('SELECT {account:String} AS account', { query_params: { account: 'acc_1' } });
    const error = await failure(rows('SELECT {account:String} AS account'));
    expect(error.code).toBe('456'); // UNKNOWN_QUERY_PARAMETER, as on a server
  });

  it('answers with a production server baseline, not chDB defaults', async () => {
    const [baseline] = await rows<Record<string, unknown>>(
      "SELECT getSetting('async_insert') AS async, toString(getSetting('date_time_input_format')) AS dt_input, toUInt64(1) AS big, timezone() AS tz",
    );
    expect(baseline).toEqual({ async: false, dt_input: 'basic', big: '1', tz: 'UTC' });
  });

  it('keeps a deduplicated retry from doubling a multi-slice insert', async () => {
    await client.command({
      query: `CREATE TABLE bank_statement_lines (id UInt64, memo String) ENGINE = MergeTree ORDER BY id
              SETTINGS non_replicated_deduplication_window = 100`,
    });
    // ~19 MB: more than one 16 MiB slice, so each slice needs its own token.
    const memo = 'x'.repeat(64);
    const values = Array.from({ length: 220_000 }, (_, id) => ({ id, memo }));
    const insert = (token: string) =>
      client.insert({ table: 'bank_statement_lines', values, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: token } });
    await insert('statement-2024-03');
    expect(await rows('SELECT count() AS n FROM bank_statement_lines')).toEqual([{ n: '220000' }]);
    await insert('statement-2024-03');
    expect(await rows('SELECT count() AS n FROM bank_statement_lines')).toEqual([{ n: '220000' }]);
    await insert('statement-2024-04');
    expect(await rows('SELECT count() AS n FROM bank_statement_lines')).toEqual([{ n: '440000' }]);
  });

  it('keeps temporary tables within a session_id', async () => {
    const session = connect({ session_id: `close-run-${Date.now()}` });
    try {
      await session.command({ query: 'CREATE TEMPORARY TABLE unmatched_payments (id UInt64)' });
      await session.command({ query: 'INSERT INTO unmatched_payments VALUES (1), (2)' });
      expect(await (await session.query({ query: 'SELECT count() AS n FROM unmatched_payments', format: 'JSONEachRow' })).json()).toEqual([{ n: '2' }]);
      expect((await failure(rows('SELECT count() FROM unmatched_payments'))).code).toBe('60');
    } finally {
      await session.close();
    }
  });

  it('refuses a wrong password with AUTHENTICATION_FAILED', async () => {
    const intruder = connect({ password: 'not-the-password' });
    try {
      const error = await failure(intruder.query({ query: 'SELECT 1' }));
      expect(error.code).toBe('516');
    } finally {
      await intruder.close();
    }
  });

  it('accepts gzip request bodies and compressed responses', async () => {
    const gzip = connect({ compression: { request: true, response: true } });
    try {
      await gzip.command({ query: 'CREATE TABLE fx_rates (ccy String, rate Decimal(18, 6)) ENGINE = MergeTree ORDER BY ccy' });
      await gzip.insert({ table: 'fx_rates', values: [{ ccy: 'EUR', rate: '1.084512' }, { ccy: 'GBP', rate: '1.263300' }], format: 'JSONEachRow' });
      const result = await gzip.query({ query: 'SELECT ccy, toString(rate) AS rate FROM fx_rates ORDER BY ccy', format: 'JSONEachRow' });
      expect(await result.json()).toEqual([
        { ccy: 'EUR', rate: '1.084512' },
        { ccy: 'GBP', rate: '1.2633' },
      ]);
    } finally {
      await gzip.close();
    }
  });
});
