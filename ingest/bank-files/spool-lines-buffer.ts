// Holds the spool lines of one bank file until the whole file has been read and checked, so
// a refused file leaves nothing behind. Small files stay in memory and go to the spool in
// one durable append; large ones spill to a temporary file (memory stays bounded) and are
// appended in line-aligned chunks, with the bank_files row last.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SpoolFullError, type Spool } from '../spool/spool.ts';

export interface CommitOptions {
  chunkBytes?: number;
  /** How long a chunk after the first waits for room in the spool before giving up. */
  waitForRoomMs?: number;
}

export class SpoolLinesBuffer {
  private pending: string[] = [];
  private pendingChars = 0;
  private file: { path: string; handle: FileHandle; size: number } | undefined;

  constructor(
    private readonly dir: string,
    /** Characters kept in memory before spilling to disk. */
    private readonly memoryChars = 8 * 1024 * 1024,
  ) {}

  add(line: string): void {
    this.pending.push(line);
    this.pendingChars += line.length;
  }

  /** Writes what is held to the temporary file once it exceeds the memory budget. */
  async spill(): Promise<void> {
    if (this.pendingChars >= this.memoryChars) await this.writePending();
  }

  /** Appends everything to the spool; resolves once it is all durable. */
  async commit(spool: Spool, options: CommitOptions = {}): Promise<void> {
    if (!this.file) {
      const data = Buffer.from(this.pending.join(''), 'utf8');
      this.pending = [];
      this.pendingChars = 0;
      if (data.length > 0) await spool.append(data);
      return;
    }
    await this.writePending();
    const { handle, size } = this.file;
    const chunkBytes = options.chunkBytes ?? 4 * 1024 * 1024;
    let offset = 0;
    while (offset < size) {
      const chunk = Buffer.alloc(Math.min(chunkBytes, size - offset));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      let end = chunk.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      // A single line longer than a chunk goes whole.
      const data = end > 0 ? chunk.subarray(0, end) : await this.lineAt(offset, size);
      end = data.length;
      await (offset === 0 ? spool.append(data) : appendWhenRoom(spool, data, options.waitForRoomMs ?? 120_000));
      offset += end;
    }
    await this.discard();
  }

  /** Forgets everything and removes the temporary file. */
  async discard(): Promise<void> {
    this.pending = [];
    this.pendingChars = 0;
    const file = this.file;
    this.file = undefined;
    if (file) {
      await file.handle.close().catch(() => undefined);
      await rm(file.path, { force: true });
    }
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    if (!this.file) {
      await mkdir(this.dir, { recursive: true });
      const path = join(this.dir, `${randomUUID()}.lines`);
      this.file = { path, handle: await open(path, 'w+'), size: 0 };
    }
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    for (let written = 0; written < data.length; ) {
      written += (await this.file.handle.write(data, written, data.length - written, this.file.size + written)).bytesWritten;
    }
    this.file.size += data.length;
  }

  private async lineAt(offset: number, size: number): Promise<Buffer> {
    const rest = Buffer.alloc(size - offset);
    await this.file!.handle.read(rest, 0, rest.length, offset);
    return rest.subarray(0, rest.indexOf(0x0a) + 1 || rest.length);
  }
}

/** Once part of a file is in the spool the rest must follow: wait for the flusher to make room. */
async function appendWhenRoom(spool: Spool, data: Buffer, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await spool.append(data);
    } catch (error) {
      if (!(error instanceof SpoolFullError) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
