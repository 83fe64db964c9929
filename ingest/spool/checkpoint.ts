// What the flusher has made durable in ClickHouse, and the ranges it is inserting now.
// Each range and its token are written before its insert, so a flush interrupted by a crash
// is redone with the same range and token, and ClickHouse deduplicates it. Several ranges
// may be in flight at once: `pending` is the oldest, `following` the ones after it, in
// spool order; `committed` only moves over ranges that are all in ClickHouse.
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpoolPosition } from './spool-position.ts';
import { syncDirectory } from './sync-directory.ts';

export interface PendingFlush {
  from: SpoolPosition;
  to: SpoolPosition;
  token: string;
}

export interface Checkpoint {
  committed: SpoolPosition;
  /** The oldest range being inserted, or null when none is. */
  pending: PendingFlush | null;
  /** Further ranges being inserted after `pending`, contiguous, in spool order. */
  following?: PendingFlush[];
}

const file = (dir: string) => join(dir, 'checkpoint.json');

/** Every range in flight, oldest first (a checkpoint from before `following` existed has at most one). */
export function pendingRanges(checkpoint: Checkpoint): PendingFlush[] {
  return checkpoint.pending ? [checkpoint.pending, ...(checkpoint.following ?? [])] : [];
}

export async function readCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  try {
    return JSON.parse(await readFile(file(dir), 'utf8')) as Checkpoint;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Atomically and durably replaces the checkpoint (write, fsync, rename, fsync directory). */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const tmp = `${file(dir)}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(checkpoint));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file(dir));
  await syncDirectory(dir);
}
