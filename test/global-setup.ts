// Starts one embedded ClickHouse for the whole test run (unless CLICKHOUSE_URL points at a
// server) and hands its connection to test files through vitest's provide/inject. Each test
// file then works in a database of its own (test/support/clickhouse.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedClickHouse } from '../platform/clickhouse/embedded/start.ts';

export interface SharedClickHouse {
  url: string;
  username: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    clickhouse: SharedClickHouse;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.CLICKHOUSE_URL) {
    project.provide('clickhouse', {
      url: process.env.CLICKHOUSE_URL,
      username: process.env.CLICKHOUSE_USER ?? 'default',
      password: process.env.CLICKHOUSE_PASSWORD ?? '',
    });
    return async () => undefined;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-test-ch-'));
  const engine = await startEmbeddedClickHouse({ dataDir, port: 0 });
  project.provide('clickhouse', { url: engine.url, username: engine.username, password: engine.password });
  return async () => {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
