// The embedded engine's memory bound: a statement larger than the bound fails alone with
// MEMORY_LIMIT_EXCEEDED and the engine goes on serving (without the bound, the kernel kills the
// whole engine).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseError, createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedClickHouse, type EmbeddedClickHouse } from '../../platform/clickhouse/embedded/start.ts';

let dataDir: string;
let engine: EmbeddedClickHouse;
let client: ClickHouseClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cw-ch-memory-'));
  engine = await startEmbeddedClickHouse({ dataDir, port: 0, maxMemoryBytes: 512 * 1024 * 1024 });
  client = createClient({ url: engine.url, username: engine.username, password: engine.password, log: { level: 127 } });
});
afterAll(async () => {
  await client?.close();
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const one = async <T>(query: string): Promise<T> => ((await (await client.query({ query, format: 'JSONEachRow' })).json<T>())[0] as T);

it('refuses a statement that needs more than the bound, and keeps serving', { timeout: 120_000 }, async () => {
  const error = await client
    .query({ query: 'SELECT length(groupArray(repeat(toString(number), 20))) AS n FROM numbers(40000000)', format: 'JSONEachRow' })
    .then((rs) => rs.json(), (e: unknown) => e);
  expect(error).toBeInstanceOf(ClickHouseError);
  expect((error as ClickHouseError).code).toBe('241');
  expect((error as ClickHouseError).message).toMatch(/memory limit/i);
  expect(await one<{ ok: number }>('SELECT 1 AS ok')).toEqual({ ok: 1 });
});
