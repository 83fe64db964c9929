// Configuration: defaults, and invalid settings that stop the start with a useful message.
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config/env.ts';

it('runs on embedded defaults with an empty environment', () => {
  const config = loadConfig({});
  expect(config.CLICKHOUSE_URL).toBeUndefined();
  expect(config.DATABASE_URL).toBeUndefined();
  expect(config.dataDir).toBe(resolve('./.data'));
  expect(config.SERVER_PORT).toBe(3000);
  expect(config.INGEST_PORT).toBe(4318);
});

it('names the variable, the problem and a valid example', () => {
  const attempt = () => loadConfig({ CLICKHOUSE_URL: 'localhost:8123', SERVER_PORT: 'eighty' });
  expect(attempt).toThrow(ConfigError);
  try {
    attempt();
  } catch (error) {
    const message = (error as ConfigError).message;
    expect(message).toContain('CLICKHOUSE_URL="localhost:8123": must be a URL starting with http:// or https://');
    expect(message).toContain('Example of a valid value: CLICKHOUSE_URL=http://localhost:8123');
    expect(message).toMatch(/SERVER_PORT="eighty": .*Example of a valid value: SERVER_PORT=3000/);
  }
});

it('rejects a database URL of the wrong kind and a non-identifier database name', () => {
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL="mysql:\/\/x@y\/z": must be a URL starting with postgres:\/\/ or postgresql:\/\//);
  expect(() => loadConfig({ CLICKHOUSE_DATABASE: 'closewatch; DROP' })).toThrow(/CLICKHOUSE_DATABASE=.*plain identifier/);
});

it('stops a process at start with exit code 2 and the message', async () => {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, INGEST_PORT: '99999' }, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('INGEST_PORT="99999"');
});
