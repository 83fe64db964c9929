// What the flusher has made durable in ClickHouse, and the range it is inserting now.
// The pending range and its token are written before the insert, so a flush interrupted
// by a crash is redone with the same range and token, and ClickHouse deduplicates it.
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
  pending: PendingFlush | null;
}

const file = (dir: string) => join(dir, 'checkpoint.json');

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
