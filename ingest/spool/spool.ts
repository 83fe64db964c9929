// The append-only spool: acknowledged records live here, on disk (O_DSYNC writes), until the
// flusher has put them in ClickHouse. Appends from concurrent requests share one durable
// write (group commit). Lines are `<table>\t<JSON row>\n`; a torn last line after a crash was
// never acknowledged and is cut off at open. A failed write is cut off at once, so later
// records stay at the offsets the flusher and its checkpoint rely on.
import { randomUUID } from 'node:crypto';
import { constants, mkdir, open, readdir, readFile, stat, truncate, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { comparePositions, segmentName, segmentNumber, type SpoolPosition } from './spool-position.ts';
import { syncDirectory } from './sync-directory.ts';

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
  /** Bytes queued or being written, counted against maxBytes until they are durable. */
  private queuedBytes = 0;
  private writing = false;
  /** Set when a failed write could not be cut off: the next write starts a new segment. */
  private mustRoll = false;
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
    const handle = await openForAppend(join(opts.dir, segmentName(last)));
    if (!sizes.has(last)) {
      sizes.set(last, 0);
      await syncDirectory(opts.dir);
    }
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
    return this.bytesBetween(this.flushedTo, this.end);
  }

  /** Durable bytes from `from` up to `to`; 0 when only empty segment ends lie between them. */
  bytesBetween(from: SpoolPosition, to: SpoolPosition): number {
    let total = 0;
    for (const [segment, size] of this.sizes) {
      if (segment < from.segment || segment > to.segment) continue;
      const start = segment === from.segment ? from.offset : 0;
      const end = segment === to.segment ? Math.min(to.offset, size) : size;
      total += Math.max(0, end - start);
    }
    return total;
  }

  /** The oldest data still on disk: where flushing starts when there is no checkpoint. */
  get oldest(): SpoolPosition {
    return { ...this.flushedTo };
  }

  get end(): SpoolPosition {
    return { segment: this.active.segment, offset: this.sizes.get(this.active.segment) ?? 0 };
  }

  /** Resolves once the data is on disk; refuses when the spool is full. */
  append(data: Buffer): Promise<void> {
    const waiting = this.unflushedBytes + this.queuedBytes;
    if (waiting + data.length > this.options.maxBytes) {
      return Promise.reject(new SpoolFullError(waiting, this.options.maxBytes));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      this.queuedBytes += data.length;
      if (!this.writing) void this.writeLoop();
    });
  }

  private async writeLoop(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const buffers = batch.map((w) => w.data);
      const length = buffers.reduce((sum, b) => sum + b.length, 0);
      try {
        await this.rollIfFull();
        await this.writeDurably(buffers, length);
        this.sizes.set(this.active.segment, (this.sizes.get(this.active.segment) ?? 0) + length);
        this.queuedBytes -= length;
        batch.forEach((w) => w.resolve());
        this.listeners.forEach((l) => l());
      } catch (error) {
        this.queuedBytes -= length;
        batch.forEach((w) => w.reject(error as Error));
      }
    }
    this.writing = false;
  }

  /**
   * Writes all of `buffers` in one gathered write (looping over short writes); the segment is
   * open with O_DSYNC, so each write returns once its data is on disk — one trip to the thread
   * pool instead of a write and then an fdatasync, each waiting for the event loop between
   * them. On failure cuts the segment back to its durable size.
   */
  private async writeDurably(buffers: Buffer[], length: number): Promise<void> {
    const { handle, segment } = this.active;
    try {
      let rest = buffers;
      for (let written = 0; written < length; ) {
        // One buffer (the usual group of one) is written as it is; several without copying them together.
        const n = rest.length === 1 ? (await handle.write(rest[0]!)).bytesWritten : (await handle.writev(rest)).bytesWritten;
        written += n;
        rest = afterBytes(rest, n);
      }
    } catch (error) {
      await handle.truncate(this.sizes.get(segment) ?? 0).catch(() => {
        this.mustRoll = true;
      });
      throw error;
    }
  }

  private async rollIfFull(): Promise<void> {
    if (!this.mustRoll && (this.sizes.get(this.active.segment) ?? 0) < this.options.segmentBytes) return;
    const segment = this.active.segment + 1;
    const handle = await openForAppend(join(this.options.dir, segmentName(segment)));
    await syncDirectory(this.options.dir);
    await this.active.handle.close().catch(() => undefined);
    this.active = { segment, handle };
    this.sizes.set(segment, 0);
    this.mustRoll = false;
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

/** What is left of `buffers` once the first `n` bytes are written. */
function afterBytes(buffers: Buffer[], n: number): Buffer[] {
  let skip = n;
  let i = 0;
  while (i < buffers.length && skip >= buffers[i]!.length) skip -= buffers[i++]!.length;
  if (i === buffers.length) return [];
  return [buffers[i]!.subarray(skip), ...buffers.slice(i + 1)];
}

/** A segment opened for durable appends: every write is synced to disk before it returns (O_DSYNC). */
function openForAppend(path: string): Promise<FileHandle> {
  return open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_DSYNC, 0o644);
}

async function spoolId(dir: string): Promise<string> {
  const file = join(dir, 'spool-id');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const id = randomUUID();
    await writeFile(file, id, { flush: true });
    await syncDirectory(dir);
    return id;
  }
}

async function readRange(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

/** Truncates a segment to its last complete line, however long the torn one; returns the size. */
async function cutTornTail(path: string): Promise<number> {
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  let keep = 0;
  try {
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - 1024 * 1024);
      const lastNewline = (await readRange(handle, start, end - start)).lastIndexOf(0x0a);
      if (lastNewline !== -1) {
        keep = start + lastNewline + 1;
        break;
      }
      end = start;
    }
  } finally {
    await handle.close();
  }
  if (keep !== size) await truncate(path, keep);
  return keep;
}
