// Disk faults injected into a spool's active segment file: a short write (the kernel took only
// part of the buffer) or a failing write/fsync (ENOSPC, EIO). The spool keeps its file handle
// private, so this reaches in deliberately; it is the one seam a real disk fault goes through.
import type { FileHandle } from 'node:fs/promises';
import type { Spool } from '../../ingest/spool/spool.ts';

function activeHandle(spool: Spool): FileHandle {
  return (spool as unknown as { active: { handle: FileHandle } }).active.handle;
}

/** The next write on the active segment writes only the first half of what it was given. */
export function shortWriteOnce(spool: Spool): void {
  const handle = activeHandle(spool);
  const write = handle.write.bind(handle) as (buffer: Buffer, offset?: number, length?: number) => Promise<{ bytesWritten: number; buffer: Buffer }>;
  let armed = true;
  (handle as { write: unknown }).write = (buffer: Buffer, offset = 0, length = buffer.length - offset) => {
    if (!armed) return write(buffer, offset, length);
    armed = false;
    return write(buffer, offset, Math.floor(length / 2));
  };
}

/** The next fsync of the active segment fails with EIO after the bytes were written. */
export function failingSyncOnce(spool: Spool): void {
  const handle = activeHandle(spool);
  const datasync = handle.datasync.bind(handle);
  let armed = true;
  handle.datasync = () => {
    if (!armed) return datasync();
    armed = false;
    return Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
  };
}
