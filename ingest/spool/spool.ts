// The append-only spool: acknowledged records live here, fsynced, until the flusher has
// put them in ClickHouse. Appends from concurrent requests share one write and one fsync
// (group commit). Lines are `<table>\t<JSON row>\n`; a torn last line after a crash was
// never acknowledged and is cut off at open.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, truncate, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { comparePositions, segmentName, segmentNumber, type SpoolPosition } from './spool-position.ts';

export class SpoolFullError extends Error {
  constructor(readonly unflushedBytes: number, readonly maxBytes: number) {
    super(`ingest spool is full (${unflushedBytes} of ${maxBytes} bytes waiting for ClickHouse)`);
  }
}

interface Waiter {
  data: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  segmentBytes?: number;
}

export class Spool {
  private queue: Waiter[] = [];
  private writing = false;
  private flushedTo: SpoolPosition = { segment: 1, offset: 0 };
  private listeners = new Set<() => void>();
  /** Durable size of each segment still on disk. */
  private readonly sizes = new Map<number, number>();

  private constructor(
    /** Identifies this spool across restarts; part of every deduplication token. */
    readonly id: string,
    private readonly options: Required<SpoolOptions>,
    private active: { segment: number; handle: FileHandle },
  ) {}

  static async open(options: SpoolOptions): Promise<Spool> {
    const opts = { segmentBytes: 64 * 1024 * 1024, ...options };
    await mkdir(opts.dir, { recursive: true });
    const segments = (await readdir(opts.dir)).map(segmentNumber).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
    const last = segments.at(-1) ?? 1;
    const sizes = new Map<number, number>();
    for (const segment of segments) sizes.set(segment, await cutTornTail(join(opts.dir, segmentName(segment))));
    const handle = await open(join(opts.dir, segmentName(last)), 'a');
    if (!sizes.has(last)) sizes.set(last, 0);
    const spool = new Spool(await spoolId(opts.dir), opts, { segment: last, handle });
    for (const [k, v] of sizes) spool.sizes.set(k, v);
    spool.flushedTo = { segment: segments[0] ?? last, offset: 0 };
    return spool;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Bytes acknowledged but not yet in ClickHouse. */
  get unflushedBytes(): number {
    let total = 0;
    for (const [segment, size] of this.sizes) {
      if (segment > this.flushedTo.segment) total += size;
      else if (segment === this.flushedTo.segment) total += size - this.flushedTo.offset;
    }
    return total;
  }

  get end(): SpoolPosition {
    return { segment: this.active.segment, offset: this.sizes.get(this.active.segment) ?? 0 };
  }

  /** Resolves once the data is on disk; refuses when the spool is full. */
  append(data: Buffer): Promise<void> {
    if (this.unflushedBytes + data.length > this.options.maxBytes) {
      return Promise.reject(new SpoolFullError(this.unflushedBytes, this.options.maxBytes));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      if (!this.writing) void this.writeLoop();
    });
  }

  private async writeLoop(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.rollIfFull();
        const buffer = Buffer.concat(batch.map((w) => w.data));
        await this.active.handle.write(buffer);
        await this.active.handle.datasync();
        this.sizes.set(this.active.segment, (this.sizes.get(this.active.segment) ?? 0) + buffer.length);
        batch.forEach((w) => w.resolve());
        this.listeners.forEach((l) => l());
      } catch (error) {
        batch.forEach((w) => w.reject(error as Error));
      }
    }
    this.writing = false;
  }

  private async rollIfFull(): Promise<void> {
    if ((this.sizes.get(this.active.segment) ?? 0) < this.options.segmentBytes) return;
    await this.active.handle.close();
    const segment = this.active.segment + 1;
    this.active = { segment, handle: await open(join(this.options.dir, segmentName(segment)), 'a') };
    this.sizes.set(segment, 0);
  }

  /** Calls back whenever new data became durable. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads whole lines from `from`, at most about maxBytes, never past durable data. */
  async read(from: SpoolPosition, maxBytes: number): Promise<{ data: Buffer; from: SpoolPosition; to: SpoolPosition } | undefined> {
    let position = from;
    let size = this.sizes.get(position.segment);
    while (size !== undefined && position.offset >= size && position.segment < this.active.segment) {
      position = { segment: position.segment + 1, offset: 0 };
      size = this.sizes.get(position.segment);
    }
    if (size === undefined || position.offset >= size) return undefined;
    const handle = await open(join(this.options.dir, segmentName(position.segment)), 'r');
    try {
      let data = await readRange(handle, position.offset, Math.min(maxBytes, size - position.offset));
      let end = data.lastIndexOf(0x0a) + 1;
      if (end === 0) {
        // One line longer than maxBytes: take it whole.
        data = await readRange(handle, position.offset, size - position.offset);
        end = data.indexOf(0x0a) + 1;
        if (end === 0) throw new Error(`spool segment ${position.segment} has an unterminated line at ${position.offset}`);
      }
      return { data: data.subarray(0, end), from: position, to: { segment: position.segment, offset: position.offset + end } };
    } finally {
      await handle.close();
    }
  }

  /** Marks everything before `position` as in ClickHouse and deletes finished segments. */
  async release(position: SpoolPosition): Promise<void> {
    if (comparePositions(position, this.flushedTo) <= 0) return;
    this.flushedTo = position;
    for (const segment of [...this.sizes.keys()]) {
      if (segment < position.segment && segment !== this.active.segment) {
        this.sizes.delete(segment);
        await unlink(join(this.options.dir, segmentName(segment))).catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    while (this.writing) await new Promise((r) => setTimeout(r, 5));
    await this.active.handle.close();
  }
}

async function spoolId(dir: string): Promise<string> {
  const file = join(dir, 'spool-id');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const id = randomUUID();
    await writeFile(file, id, { flush: true });
    return id;
  }
}

async function readRange(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

/** Truncates a segment to its last complete line; returns the resulting size. */
async function cutTornTail(path: string): Promise<number> {
  const { size } = await stat(path);
  if (size === 0) return 0;
  const handle = await open(path, 'r');
  try {
    const window = Math.min(size, 1024 * 1024);
    const tail = await readRange(handle, size - window, window);
    const lastNewline = tail.lastIndexOf(0x0a);
    const keep = lastNewline === -1 ? size - window : size - window + lastNewline + 1;
    if (keep !== size) await truncate(path, keep);
    return keep;
  } finally {
    await handle.close();
  }
}
