// Disk faults injected into a spool's active segment file: a short write (the kernel took only
// part of the buffer) or a write whose data could not be made durable (EIO). The spool keeps its file handle
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

/**
 * The next write on the active segment puts its bytes in the file and then fails with EIO, as a
 * write on a segment opened with O_DSYNC does when the disk refuses to make it durable.
 */
export function failingSyncOnce(spool: Spool): void {
  const handle = activeHandle(spool) as unknown as Record<'write' | 'writev', (...args: unknown[]) => Promise<unknown>>;
  let armed = true;
  for (const method of ['write', 'writev'] as const) {
    const original = handle[method].bind(handle);
    handle[method] = async (...args: unknown[]) => {
      const result = await original(...args);
      if (!armed) return result;
      armed = false;
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
  }
}
