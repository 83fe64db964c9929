// The embedded ClickHouse process as the supervisor runs it (`npx tsx …/embedded/main.ts`): it
// announces itself with one JSON line, its data survives SIGTERM and SIGKILL, and a second
// process on the same data directory is refused without harming the first.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autogroupNice } from '../../platform/clickhouse/embedded/engine-priority.ts';

const repoRoot = join(import.meta.dirname, '../..');
const running: number[] = [];
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cw-ch-process-'));
});
afterEach(async () => {
  for (const group of running.splice(0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {} // already gone
  }
  await rm(dataDir, { recursive: true, force: true });
});

interface Listening {
  url: string;
  username: string;
  password: string;
}

/**
 * Starts the process in its own process group and session; `listening` resolves with its
 * announcement. `asSupervised`: as the supervisor starts it (node itself leads the session),
 * else through npx (npx leads it, as from a shell).
 */
function startProcess(extraEnv: NodeJS.ProcessEnv = {}, { asSupervised = false } = {}) {
  const [command, args] = asSupervised
    ? [process.execPath, ['--import', 'tsx', 'platform/clickhouse/embedded/main.ts']]
    : ['npx', ['tsx', 'platform/clickhouse/embedded/main.ts']];
  const child = spawn(command, args, {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, CLOSEWATCH_DATA_DIR: dataDir, EMBEDDED_CLICKHOUSE_PORT: '0', EMBEDDED_CLICKHOUSE_PASSWORD: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const listening = new Promise<Listening>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!stdout.includes('\n')) return;
      try {
        const line = JSON.parse(stdout.slice(0, stdout.indexOf('\n')));
        expect(line).toEqual({
          event: 'listening',
          service: 'clickhouse',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
          username: 'default',
          password: expect.stringMatching(/^\S{16,}$/),
        });
        resolve(line);
      } catch (error) {
        reject(error);
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
  return { pid: child.pid!, listening, exited, stderr: () => stderr, stdout: () => stdout };
}

/** The pid of the node process holding the engine's data path (npx and tsx are its parents). */
async function holderPid(): Promise<number> {
  const status = await readFile(join(dataDir, 'clickhouse', 'status'), 'utf8');
  return Number(/^PID:\s*(\d+)/m.exec(status)?.[1]);
}

/**
 * The nice value of every thread of a process (field 19 of /proc/<pid>/task/<tid>/stat), but
 * ClickHouse's MemoryWorker, which raises its own priority to return freed memory promptly.
 */
async function threadNiceValues(pid: number): Promise<number[]> {
  const tids = await readdir(`/proc/${pid}/task`);
  const values = await Promise.all(
    tids.map(async (tid) => {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => undefined);
      if (stat === undefined || stat.includes('(MemoryWorker)')) return undefined;
      // Fields after the parenthesised command name start at field 3.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
    }),
  );
  return values.filter((v): v is number => v !== undefined);
}

async function withClient<T>(to: Listening, run: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const client = createClient({ url: to.url, username: to.username, password: to.password });
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

const writeLedger = (to: Listening) =>
  withClient(to, async (client) => {
    await client.command({ query: 'CREATE TABLE ledger (id UInt64, amount Decimal(18, 2)) ENGINE = MergeTree ORDER BY id' });
    await client.insert({ table: 'ledger', values: [{ id: 1, amount: '12345678901234.56' }], format: 'JSONEachRow' });
  });
const readLedger = (to: Listening) =>
  withClient(to, async (client) =>
    (await client.query({ query: 'SELECT id, toString(amount) AS amount FROM ledger', format: 'JSONEachRow' })).json(),
  );
const ledgerRows = [{ id: '1', amount: '12345678901234.56' }];

describe('embedded ClickHouse process', { timeout: 180_000 }, () => {
  it('announces itself once and keeps data across SIGTERM and restart, exiting 0', async () => {
    const first = startProcess();
    await writeLedger(await first.listening);
    process.kill(await holderPid(), 'SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout().trim().split('\n')).toHaveLength(1);

    const second = startProcess();
    expect(await readLedger(await second.listening)).toEqual(ledgerRows);
  });

  it('runs every engine thread at the lower CPU priority EMBEDDED_CLICKHOUSE_NICE asks for, and refuses a bad value by name', async () => {
    const ownGroup = autogroupNice();
    const engine = startProcess({ EMBEDDED_CLICKHOUSE_NICE: '7' }, { asSupervised: true });
    await writeLedger(await engine.listening);
    const nice = await threadNiceValues(await holderPid());
    expect(nice.length).toBeGreaterThan(4);
    expect(new Set(nice)).toEqual(new Set([7]));
    // where the kernel schedules per session, the engine's session has that nice too; nobody else's
    if (ownGroup !== undefined) {
      expect(autogroupNice(await holderPid())).toBe(7);
      expect(autogroupNice()).toBe(ownGroup);
    }
    process.kill(-engine.pid, 'SIGTERM');
    await engine.exited;

    // started from a shell (npx leads the session): the shell's session is left alone
    const fromShell = startProcess({ EMBEDDED_CLICKHOUSE_NICE: '7' });
    await fromShell.listening;
    expect(new Set(await threadNiceValues(await holderPid()))).toEqual(new Set([7]));
    if (ownGroup !== undefined) expect(autogroupNice(await holderPid())).toBe(0);

    const bad = startProcess({ EMBEDDED_CLICKHOUSE_NICE: 'low' });
    await expect(bad.listening).rejects.toThrow(/exited with 1/);
    expect(bad.stderr()).toContain('EMBEDDED_CLICKHOUSE_NICE="low": must be a whole number from 0');
  });

  it('keeps inserted data across SIGKILL and restart', async () => {
    const first = startProcess();
    await writeLedger(await first.listening);
    process.kill(await holderPid(), 'SIGKILL');
    expect(await first.exited).not.toBe(0);

    const second = startProcess();
    expect(await readLedger(await second.listening)).toEqual(ledgerRows);
  });

  it('refuses a second process on the same data directory and keeps serving the first', async () => {
    const first = startProcess();
    const serving = await first.listening;
    await writeLedger(serving);
    const holder = await holderPid();

    const second = startProcess();
    await expect(second.listening).rejects.toThrow(/exited with 1/);
    expect(second.stderr()).toContain(
      `Embedded ClickHouse: data directory ${join(dataDir, 'clickhouse')} is already in use by another Closewatch process. ` +
        'Stop it first or set CLOSEWATCH_DATA_DIR to another directory.',
    );

    expect(await readLedger(serving)).toEqual(ledgerRows);
    expect(await holderPid()).toBe(holder);
  });
});
