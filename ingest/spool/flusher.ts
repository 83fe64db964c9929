// Moves spooled records into ClickHouse in batches (by size or time), with a deduplication
// token per batch so a retried or redone batch is never inserted twice. Up to
// `concurrentInserts` batches are in flight at once (ClickHouse runs inserts in parallel):
// each range is recorded in the checkpoint before its insert starts, and the committed
// position only moves over the contiguous prefix of ranges that are all in ClickHouse, so a
// crash redoes exactly the ranges that might be missing, with their tokens. While ClickHouse
// is unreachable (or the checkpoint cannot be written) each batch is retried with capped
// exponential backoff and the spool absorbs the stream.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { pendingRanges, readCheckpoint, writeCheckpoint, type Checkpoint, type PendingFlush } from './checkpoint.ts';
import { isRefusedData, writeDeadLetter } from './dead-letter.ts';
import { insertBodies, type InsertBody } from './insert-bodies.ts';
import type { SpoolPosition } from './spool-position.ts';
import type { Spool } from './spool.ts';

export interface FlusherOptions {
  maxBatchBytes?: number;
  /** How long a small batch may wait for company before it is flushed anyway. */
  lingerMs?: number;
  /** Batches being inserted at the same time (1: one after the other). */
  concurrentInserts?: number;
  maxBackoffMs?: number;
  onFlush?: (stats: { rows: number; bytes: number; latencyMs: number }) => void;
  onError?: (error: Error, attempt: number) => void;
  /** Refusals of the same batch for its content before it goes to the dead-letter folder. */
  deadLetterAfter?: number;
  onDeadLetter?: (file: string, error: Error) => void;
}

/** What ends a pause early besides stop(): any new data, or enough data for a full batch. */
type WakeOn = 'data' | 'full-batch' | 'stop-only';

interface Pause {
  wakeOn: WakeOn;
  done: () => void;
}

/** A range taken from the spool and not yet committed. */
interface Slot {
  batch: PendingFlush;
  /** The range's bytes, kept from when it was taken (undefined: read back from the spool). */
  data: Buffer | undefined;
  /** The range is in a checkpoint on disk, so a crash redoes it with its token. */
  recorded: boolean;
  /** The range is in ClickHouse (or in the dead-letter folder). */
  done: boolean;
}

export class Flusher {
  private stopped = false;
  private readonly pauses = new Set<Pause>();
  private unsubscribe: (() => void) | undefined;
  private workers: Promise<void>[] = [];
  /** Ranges taken and not yet committed, in spool order. */
  private slots: Slot[] = [];
  /** Ranges from the checkpoint that were in flight when the last run ended: taken first. */
  private redo: Slot[] = [];
  /** Where the next range starts: the end of the last one taken. */
  private cursor: SpoolPosition = { segment: 1, offset: 0 };
  /** The end of the contiguous prefix of done ranges (durable or not yet). */
  private commitTarget: SpoolPosition = { segment: 1, offset: 0 };
  /** The checkpoint as last written to disk. */
  private durable: Checkpoint = { committed: { segment: 1, offset: 0 }, pending: null };
  /** Serialises taking ranges, so ranges are contiguous and lingering applies between takes. */
  private taking: Promise<unknown> = Promise.resolve();
  private writing: Promise<void> | undefined;
  private queuedWrite: Promise<void> | undefined;
  /** When the batch being gathered started waiting for company (0: flush without waiting). */
  private lingerFrom = 0;
  /** The last error inserting into ClickHouse, cleared by the next success. */
  lastError: Error | undefined;
  /** Batches moved to the dead-letter folder since start. */
  deadLettered = 0;
  lastFlushAt: number | undefined;

  constructor(
    private readonly spool: Spool,
    private readonly ch: ClickHouseClient,
    private readonly options: FlusherOptions = {},
  ) {}

  private get maxBatchBytes(): number {
    return this.options.maxBatchBytes ?? 4 * 1024 * 1024;
  }

  async start(): Promise<void> {
    // Without a checkpoint (first start, or lost), everything still on disk is unflushed.
    const checkpoint = (await readCheckpoint(this.spool.dir)) ?? { committed: this.spool.oldest, pending: null };
    const pending = pendingRanges(checkpoint);
    this.durable = { committed: checkpoint.committed, pending: pending[0] ?? null, following: pending.slice(1) };
    this.commitTarget = checkpoint.committed;
    this.redo = pending.map((batch) => ({ batch, data: undefined, recorded: true, done: false }));
    this.slots = [...this.redo];
    this.cursor = pending.at(-1)?.to ?? checkpoint.committed;
    await this.spool.release(checkpoint.committed);
    this.unsubscribe = this.spool.onAppend(() => this.dataArrived());
    const width = Math.max(1, this.options.concurrentInserts ?? 3);
    this.workers = Array.from({ length: width }, () => this.work());
  }

  /** Stops after the batches in flight; what is left stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const pause of [...this.pauses]) pause.done();
    await Promise.all(this.workers);
    this.unsubscribe?.();
  }

  /** Resolves when everything spooled before the call is in ClickHouse. */
  async drained(timeoutMs = 30_000): Promise<void> {
    const target = this.spool.end;
    const deadline = Date.now() + timeoutMs;
    while (this.spool.bytesBetween(this.durable.committed, target) > 0) {
      if (Date.now() > deadline) throw new Error('spool did not drain in time', { cause: this.lastError });
      await sleep(10);
    }
  }

  /** One insert lane: takes the next range, inserts it until it is in, commits, repeats. */
  private async work(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      let slot: Slot | undefined;
      try {
        slot = await this.take();
      } catch (error) {
        attempt = await this.failed(error as Error, attempt);
        continue;
      }
      if (!slot) continue;
      attempt = 0;
      if (await this.complete(slot)) await this.commit();
    }
  }

  private take(): Promise<Slot | undefined> {
    const next = this.taking.then(() => this.takeNow());
    this.taking = next.catch(() => undefined);
    return next;
  }

  private async takeNow(): Promise<Slot | undefined> {
    if (this.stopped) return undefined;
    const redo = this.redo.shift();
    if (redo) return redo;
    if (this.bytesAfterCursor() === 0) {
      await this.pauseFor(1000, 'data');
      this.lingerFrom = Date.now();
      return undefined;
    }
    const lingerUntil = this.lingerFrom + (this.options.lingerMs ?? 50);
    if (this.bytesAfterCursor() < this.maxBatchBytes && Date.now() < lingerUntil) {
      await this.pauseFor(lingerUntil - Date.now(), 'full-batch');
      if (this.stopped) return undefined;
    }
    const read = await this.spool.read(this.cursor, this.maxBatchBytes);
    if (!read) {
      await this.pauseFor(1000, 'data');
      return undefined;
    }
    // Gathering for the next batch starts now: inserts start at most every lingerMs unless full.
    this.lingerFrom = Date.now();
    const token = `${this.spool.id}-${read.from.segment}.${read.from.offset}-${read.to.offset}`;
    const slot: Slot = { batch: { from: read.from, to: read.to, token }, data: read.data, recorded: false, done: false };
    this.slots.push(slot);
    this.cursor = read.to;
    return slot;
  }

  /**
   * Records the slot's range in the checkpoint, then inserts it, retrying both until they
   * succeed or the batch is set aside as refused. False when stopped first: the range stays
   * in the spool (and in the checkpoint, if it got there) for the next start.
   */
  private async complete(slot: Slot): Promise<boolean> {
    const deadLetterAfter = this.options.deadLetterAfter ?? 10;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!slot.recorded) await this.writeCheckpoint();
        await this.insert(slot);
        break;
      } catch (error) {
        this.reportError(error as Error, attempt);
        if (isRefusedData(error) && attempt >= deadLetterAfter && (await this.deadLetter(slot, error as Error).then(() => true, () => false))) break;
        if (!this.stopped) await this.backOff(attempt);
        if (this.stopped) return false;
      }
    }
    slot.done = true;
    slot.data = undefined;
    this.lastError = undefined;
    return true;
  }

  /** Reports a failure outside an insert and backs off; returns the attempt count. */
  private async failed(error: Error, previousAttempts: number): Promise<number> {
    const attempt = previousAttempts + 1;
    this.reportError(error, attempt);
    if (!this.stopped) await this.backOff(attempt);
    return attempt;
  }

  private backOff(attempt: number): Promise<void> {
    const backoff = Math.min(this.options.maxBackoffMs ?? 5000, 100 * 2 ** Math.min(attempt, 10));
    return this.pauseFor(backoff / 2 + Math.random() * (backoff / 2), 'stop-only');
  }

  private reportError(error: Error, attempt: number): void {
    this.lastError = error;
    this.options.onError?.(error, attempt);
  }

  private async insert(slot: Slot): Promise<void> {
    const started = Date.now();
    const { bodies, bytes } = await this.bodiesOf(slot);
    let rows = 0;
    for (const [table, body] of bodies) {
      rows += body.rows;
      const result = await this.ch.exec({
        query: `INSERT INTO ${table} FORMAT JSONEachRow`,
        values: Readable.from([body.data]),
        // A batch may span many monthly partitions (late or historic business time).
        clickhouse_settings: { insert_deduplication_token: `${slot.batch.token}-${table}`, max_partitions_per_insert_block: '0' },
      });
      result.stream.resume();
    }
    this.lastFlushAt = Date.now();
    this.options.onFlush?.({ rows, bytes, latencyMs: this.lastFlushAt - started });
  }

  /**
   * The rows of each table in the slot's range, as insert bodies. The range's own bytes are
   * let go here (a retry reads them back from the spool), so a batch in flight holds one copy.
   */
  private async bodiesOf(slot: Slot): Promise<{ bodies: Map<string, InsertBody>; bytes: number }> {
    const data = slot.data ?? (await this.readBack(slot.batch));
    slot.data = undefined;
    return { bytes: data.length, bodies: insertBodies(data) };
  }

  private async readBack(batch: PendingFlush): Promise<Buffer> {
    const read = await this.spool.read(batch.from, byteDistance(batch));
    if (!read || read.to.offset !== batch.to.offset || read.to.segment !== batch.to.segment) {
      throw new Error(`spool range ${JSON.stringify(batch)} could not be read back whole`);
    }
    return read.data;
  }

  private async deadLetter(slot: Slot, error: Error): Promise<void> {
    const data = slot.data ?? (await this.spool.read(slot.batch.from, byteDistance(slot.batch)))?.data;
    const file = await writeDeadLetter(this.spool.dir, slot.batch.token, data ?? Buffer.alloc(0), error);
    this.deadLettered++;
    this.options.onDeadLetter?.(file, error);
  }

  /** Moves the committed position over the done prefix and makes it durable (retrying until it is, or stopped). */
  private async commit(): Promise<void> {
    let done = 0;
    while (done < this.slots.length && this.slots[done]!.done) done++;
    if (done === 0) return;
    this.commitTarget = this.slots[done - 1]!.batch.to;
    this.slots = this.slots.slice(done);
    for (let attempt = 0; comparePositions(this.durable.committed, this.commitTarget) < 0; ) {
      try {
        await this.writeCheckpoint();
      } catch (error) {
        attempt = await this.failed(error as Error, attempt);
        if (this.stopped) return;
      }
    }
  }

  /**
   * Writes the checkpoint as it stands when the write starts. Writes run one at a time; calls
   * made while one runs share the next write, which includes everything they changed.
   */
  private writeCheckpoint(): Promise<void> {
    if (this.queuedWrite) return this.queuedWrite;
    const write: Promise<void> = (this.writing ?? Promise.resolve()).catch(() => undefined).then(async () => {
      this.queuedWrite = undefined;
      this.writing = write;
      const open = [...this.slots];
      const checkpoint: Checkpoint = { committed: this.commitTarget, pending: open[0]?.batch ?? null, following: open.slice(1).map((s) => s.batch) };
      try {
        await writeCheckpoint(this.spool.dir, checkpoint);
      } finally {
        if (this.writing === write) this.writing = undefined;
      }
      for (const slot of open) slot.recorded = true;
      this.durable = checkpoint;
      await this.spool.release(checkpoint.committed);
    });
    this.queuedWrite = write;
    return write;
  }

  private bytesAfterCursor(): number {
    return this.spool.bytesBetween(this.cursor, this.spool.end);
  }

  private dataArrived(): void {
    for (const pause of [...this.pauses]) {
      if (pause.wakeOn === 'data' || (pause.wakeOn === 'full-batch' && this.bytesAfterCursor() >= this.maxBatchBytes)) pause.done();
    }
  }

  /** Waits `ms`, or less when stopped or when the awaited data arrives. */
  private pauseFor(ms: number, wakeOn: WakeOn): Promise<void> {
    return new Promise((resolve) => {
      const pause: Pause = {
        wakeOn,
        done: () => {
          clearTimeout(timer);
          this.pauses.delete(pause);
          resolve();
        },
      };
      const timer = setTimeout(pause.done, ms);
      this.pauses.add(pause);
    });
  }
}

function comparePositions(a: SpoolPosition, b: SpoolPosition): number {
  return a.segment - b.segment || a.offset - b.offset;
}

function byteDistance(batch: PendingFlush): number {
  // A batch never spans segments (read stops at a segment's end).
  return batch.to.offset - batch.from.offset;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
