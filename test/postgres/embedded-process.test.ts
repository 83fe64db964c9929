// The embedded PostgreSQL process as the supervisor runs it (`npx tsx …/embedded/main.ts`):
// data survives a clean stop and a SIGKILL, and a second process on the same data directory is
// refused without harming the first. Always embedded, whatever the run's DATABASE_URL.
import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../..');
const running: number[] = [];
let dataDir: string;
let lockPath: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cw-embedded-'));
  lockPath = join(dataDir, 'postgres.lock');
});
afterEach(async () => {
  for (const group of running.splice(0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {} // already gone
  }
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts the process in its own process group; `listening` resolves with the printed URL. */
function startProcess() {
  const child = spawn('npx', ['tsx', 'platform/postgres/embedded/main.ts'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, CLOSEWATCH_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!stdout.includes('\n')) return;
      try {
        const line = JSON.parse(stdout.slice(0, stdout.indexOf('\n')));
        expect(line).toEqual({ event: 'listening', service: 'postgres', url: expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/) });
        resolve(line.url);
      } catch (error) {
        reject(error);
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
  return { listening, exited, stderr: () => stderr };
}

/** The pid of the node process holding the data directory (npx and tsx are its parents). */
const holderPid = async () => (JSON.parse(await readFile(lockPath, 'utf8')) as { pid: number }).pid;

async function query(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function writeLedger(url: string) {
  await query(url, 'create table ledger (id int primary key, amount numeric(18, 2) not null)');
  await query(url, 'insert into ledger values ($1, $2)', [1, '12345678901234.56']);
}
const readLedger = (url: string) => query(url, 'select id, amount from ledger');
const ledgerRows = [{ id: 1, amount: '12345678901234.56' }];

describe('embedded PostgreSQL process', { timeout: 180_000 }, () => {
  it('keeps data across SIGTERM and restart, exiting 0 and releasing the lock', async () => {
    const first = startProcess();
    await writeLedger(await first.listening);
    process.kill(await holderPid(), 'SIGTERM');
    expect(await first.exited).toBe(0);
    await expect(access(lockPath)).rejects.toThrow(/ENOENT/);

    const second = startProcess();
    expect(await readLedger(await second.listening)).toEqual(ledgerRows);
  });

  it('keeps committed data across SIGKILL, and the restart takes over the stale lock', async () => {
    const first = startProcess();
    await writeLedger(await first.listening);
    const killed = await holderPid();
    process.kill(killed, 'SIGKILL');
    expect(await first.exited).not.toBe(0);
    expect(await holderPid()).toBe(killed); // left behind

    const second = startProcess();
    expect(await readLedger(await second.listening)).toEqual(ledgerRows);
    expect(await holderPid()).not.toBe(killed);
  });

  it('refuses a second process on the same data directory and keeps serving the first', async () => {
    const first = startProcess();
    const url = await first.listening;
    await writeLedger(url);
    const holder = await holderPid();

    const second = startProcess();
    await expect(second.listening).rejects.toThrow(/exited with 1/);
    expect(second.stderr()).toContain(
      `Embedded PostgreSQL: data directory ${join(dataDir, 'postgres')} is in use by process ${holder} (started `,
    );
    expect(second.stderr()).toContain('Stop it first, or set CLOSEWATCH_DATA_DIR to another directory.');

    expect(await readLedger(url)).toEqual(ledgerRows);
    expect(await holderPid()).toBe(holder);
  });
});
