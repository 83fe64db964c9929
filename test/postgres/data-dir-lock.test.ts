// The data-directory lock: one holder at a time; a lock left by a dead process is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedPostgresLockedError, lockDataDir, type LockHolder } from '../../platform/postgres/embedded/data-dir-lock.ts';

let dir: string;
let dataPath: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-lock-'));
  dataPath = join(dir, 'postgres');
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** A process that stays alive until the test ends. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const writeLock = (holder: Partial<LockHolder>) =>
  writeFile(`${dataPath}.lock`, JSON.stringify({ hostname: hostname(), startedAt: '2026-11-26T05:00:00.000Z', ...holder }));
const readLock = async () => JSON.parse(await readFile(`${dataPath}.lock`, 'utf8')) as LockHolder;

describe('lockDataDir', () => {
  it('records the holder and removes the lock file on release', async () => {
    const lock = await lockDataDir(dataPath);
    expect(await readLock()).toMatchObject({ pid: process.pid, hostname: hostname(), startedAt: expect.any(String) });
    await lock.release();
    await expect(access(lock.lockPath)).rejects.toThrow(/ENOENT/);
  });

  it('refuses while a live process on this host holds it, naming that process', async () => {
    const pid = liveProcess();
    await writeLock({ pid });
    const refusal = lockDataDir(dataPath);
    await expect(refusal).rejects.toBeInstanceOf(EmbeddedPostgresLockedError);
    await expect(refusal).rejects.toThrow(
      `Embedded PostgreSQL: data directory ${dataPath} is in use by process ${pid} (started 2026-11-26T05:00:00.000Z). ` +
        'Stop it first, or set CLOSEWATCH_DATA_DIR to another directory.',
    );
    expect((await readLock()).pid).toBe(pid);
  });

  it('takes over a lock left by a process that died', async () => {
    await writeLock({ pid: await deadPid() });
    const lock = await lockDataDir(dataPath);
    expect((await readLock()).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to a different process', async () => {
    // Same boot, live pid, but that pid started at another time than the holder did.
    const bootId = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
    await writeLock({ pid: liveProcess(), bootId, processStart: '1' });
    const lock = await lockDataDir(dataPath);
    expect((await readLock()).pid).toBe(process.pid);
    await lock.release();
  });

  it('refuses a second holder in the same process', async () => {
    const lock = await lockDataDir(dataPath);
    await expect(lockDataDir(dataPath)).rejects.toBeInstanceOf(EmbeddedPostgresLockedError);
    await lock.release();
  });

  it('lets exactly one of several contenders take over a stale lock', async () => {
    await writeLock({ pid: await deadPid() });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dataPath)));
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(EmbeddedPostgresLockedError);
    await (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockDataDir>>>).value.release();
  });
});
