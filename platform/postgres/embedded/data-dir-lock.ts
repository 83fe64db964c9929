// Exclusive lock on the embedded PostgreSQL data directory. PGlite takes no file lock of its
// own, and a second process opening the same directory corrupts it, so Closewatch holds one:
// a `<dataPath>.lock` file naming its holder. A lock left behind by a dead process (SIGKILL,
// power loss) is taken over; a lock held by a live process makes the start fail.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile, link } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** What the lock file records about the process holding it. */
export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Random per acquisition, so a process can tell its own lock from a successor's. */
  token?: string;
  /** Linux only: kernel boot id and the process's start time in clock ticks since boot. */
  bootId?: string;
  processStart?: string;
}

export interface DataDirLock {
  readonly lockPath: string;
  /** Removes the lock file if this process still holds it. */
  release(): Promise<void>;
}

/** Thrown when another live process holds the data directory. */
export class EmbeddedPostgresLockedError extends Error {
  constructor(
    readonly dataPath: string,
    readonly holder: LockHolder,
    owner = 'Embedded PostgreSQL',
  ) {
    const where = holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`;
    super(
      `${owner}: data directory ${dataPath} is in use by process ${holder.pid}${where} ` +
        `(started ${holder.startedAt}). Stop it first, or set CLOSEWATCH_DATA_DIR to another directory.` +
        (where ? ` If that host no longer runs it, delete ${dataPath}.lock.` : ''),
    );
    this.name = 'EmbeddedPostgresLockedError';
  }
}

const MAX_ATTEMPTS = 5;

/** Takes the lock on `dataPath` (the directory need not exist yet) or throws EmbeddedPostgresLockedError. */
export async function lockDataDir(dataPath: string, owner?: string): Promise<DataDirLock> {
  const lockPath = `${dataPath}.lock`;
  await mkdir(dirname(lockPath), { recursive: true });
  const me = describeThisProcess();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // Marked held before the file appears, so this process never judges its own new lock stale.
    heldTokens.add(me.token!);
    let created = false;
    try {
      created = await createExclusively(lockPath, me);
    } finally {
      if (!created) heldTokens.delete(me.token!);
    }
    if (created) return { lockPath, release: () => releaseIfOurs(lockPath, me.token!) };
    const raw = await readFile(lockPath, 'utf8').catch(ignoreMissing);
    if (raw === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(raw);
    if (holder && holderIsRunning(holder)) throw new EmbeddedPostgresLockedError(dataPath, holder, owner);
    await removeStaleLock(lockPath, raw);
  }
  throw new Error(`Embedded PostgreSQL: could not take the lock ${lockPath} after ${MAX_ATTEMPTS} attempts; retry.`);
}

/**
 * The file appears complete or not at all: it is written under a private name and then
 * hard-linked into place, which fails if a lock file already exists (O_EXCL semantics).
 */
async function createExclusively(lockPath: string, holder: LockHolder): Promise<boolean> {
  const draft = `${lockPath}.${holder.token}.draft`;
  await writeFile(draft, JSON.stringify(holder), { flag: 'wx' });
  try {
    await link(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft).catch(ignoreMissing);
  }
}

/**
 * Moves the stale file aside under a unique name (only one contender can move it), then checks
 * that what was moved is the stale lock that was judged. If a contender had already replaced it
 * with a live lock, that lock is put back so its owner keeps it.
 */
async function removeStaleLock(lockPath: string, staleContent: string): Promise<void> {
  const aside = `${lockPath}.${randomUUID()}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleContent) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside);
}

async function releaseIfOurs(lockPath: string, token: string): Promise<void> {
  heldTokens.delete(token);
  const raw = await readFile(lockPath, 'utf8').catch(ignoreMissing);
  if (raw !== undefined && parseHolder(raw)?.token === token) await unlink(lockPath).catch(ignoreMissing);
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return undefined;
    return { startedAt: 'at an unknown time', ...value } as LockHolder;
  } catch {
    return undefined; // unreadable: no process can be proven to hold it
  }
}

/** A holder on another host cannot be checked, so it counts as running. */
function holderIsRunning(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.token !== undefined && holder.pid === process.pid) return heldTokens.has(holder.token);
  if (!pidIsAlive(holder.pid)) return false;
  // The pid may have been reused by an unrelated process (after a reboot or a container restart).
  if (holder.bootId && holder.processStart) {
    const bootId = readBootId();
    if (bootId && bootId !== holder.bootId) return false;
    const start = readProcessStart(holder.pid);
    if (start && start !== holder.processStart) return false;
  }
  return true;
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Tokens of the locks this process holds; a lock naming this pid but no held token is stale. */
const heldTokens = new Set<string>();

function describeThisProcess(): LockHolder {
  const token = randomUUID();
  return {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    token,
    bootId: readBootId(),
    processStart: readProcessStart(process.pid),
  };
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat (start time in ticks since boot); the command name may hold spaces. */
function readProcessStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
