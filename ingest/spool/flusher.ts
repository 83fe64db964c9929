// Moves spooled records into ClickHouse in batches (by size or time), with a deduplication
// token per batch so a retried or redone batch is never inserted twice. While ClickHouse
// is unreachable (or the checkpoint cannot be written) it retries with capped exponential
// backoff and the spool absorbs the stream.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { readCheckpoint, writeCheckpoint, type Checkpoint, type PendingFlush } from './checkpoint.ts';
import { isRefusedData, writeDeadLetter } from './dead-letter.ts';
import type { Spool } from './spool.ts';

export interface FlusherOptions {
  maxBatchBytes?: number;
  /** How long a small batch may wait for company before it is flushed anyway. */
  lingerMs?: number;
  maxBackoffMs?: number;
  onFlush?: (stats: { rows: number; bytes: number; latencyMs: number }) => void;
  onError?: (error: Error, attempt: number) => void;
  /** Refusals of the same batch for its content before it goes to the dead-letter folder. */
  deadLetterAfter?: number;
  onDeadLetter?: (file: string, error: Error) => void;
}

/** What ends a pause early besides stop(): any new data, or enough data for a full batch. */
type WakeOn = 'data' | 'full-batch' | 'stop-only';

export class Flusher {
  private stopped = false;
  private pause: { wakeOn: WakeOn; done: () => void } | undefined;
  private unsubscribe: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private checkpoint: Checkpoint = { committed: { segment: 1, offset: 0 }, pending: null };
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
    this.checkpoint = (await readCheckpoint(this.spool.dir)) ?? { committed: this.spool.oldest, pending: null };
    await this.spool.release(this.checkpoint.committed);
    this.unsubscribe = this.spool.onAppend(() => this.dataArrived());
    this.loop = this.run();
  }

  /** Stops after the batch in flight; what is left stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pause?.done();
    await this.loop;
    this.unsubscribe?.();
  }

  /** Resolves when everything spooled before the call is in ClickHouse. */
  async drained(timeoutMs = 30_000): Promise<void> {
    const target = this.spool.end;
    const deadline = Date.now() + timeoutMs;
    while (this.spool.bytesBetween(this.checkpoint.committed, target) > 0) {
      if (Date.now() > deadline) throw new Error('spool did not drain in time', { cause: this.lastError });
      await sleep(10);
    }
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        const batch = this.checkpoint.pending ?? (await this.nextBatch());
        if (!batch) {
          await this.pauseFor(1000, 'data');
          this.lingerFrom = Date.now();
          continue;
        }
        await this.flush(batch);
        this.lastError = undefined;
        attempt = 0;
      } catch (error) {
        attempt++;
        this.lastError = error as Error;
        this.options.onError?.(error as Error, attempt);
        if (isRefusedData(error) && attempt >= (this.options.deadLetterAfter ?? 10) && this.checkpoint.pending) {
          await this.deadLetter(this.checkpoint.pending, error as Error).then(() => (attempt = 0), () => undefined);
          continue;
        }
        const backoff = Math.min(this.options.maxBackoffMs ?? 5000, 100 * 2 ** Math.min(attempt, 10));
        if (!this.stopped) await this.pauseFor(backoff / 2 + Math.random() * (backoff / 2), 'stop-only');
      }
    }
  }

  private async nextBatch(): Promise<PendingFlush | undefined> {
    const lingerUntil = this.lingerFrom + (this.options.lingerMs ?? 50);
    if (this.spool.unflushedBytes < this.maxBatchBytes && Date.now() < lingerUntil) {
      await this.pauseFor(lingerUntil - Date.now(), 'full-batch');
    }
    const read = await this.spool.read(this.checkpoint.committed, this.maxBatchBytes);
    if (!read) return undefined;
    // Gathering for the next batch starts now: inserts come at most every lingerMs unless full.
    this.lingerFrom = Date.now();
    const pending = { from: read.from, to: read.to, token: `${this.spool.id}-${read.from.segment}.${read.from.offset}-${read.to.offset}` };
    await writeCheckpoint(this.spool.dir, { ...this.checkpoint, pending });
    this.checkpoint = { ...this.checkpoint, pending };
    return pending;
  }

  private async flush(batch: PendingFlush): Promise<void> {
    const started = Date.now();
    const read = await this.spool.read(batch.from, byteDistance(batch));
    if (!read || read.to.offset !== batch.to.offset || read.to.segment !== batch.to.segment) {
      throw new Error(`spool range ${JSON.stringify(batch)} could not be read back whole`);
    }
    const byTable = splitByTable(read.data);
    let rows = 0;
    for (const [table, lines] of byTable) {
      rows += lines.length;
      const result = await this.ch.exec({
        query: `INSERT INTO ${table} FORMAT JSONEachRow`,
        values: Readable.from([Buffer.concat(lines)]),
        // A batch may span many monthly partitions (late or historic business time).
        clickhouse_settings: { insert_deduplication_token: `${batch.token}-${table}`, max_partitions_per_insert_block: '0' },
      });
      result.stream.resume();
    }
    await writeCheckpoint(this.spool.dir, { committed: batch.to, pending: null });
    this.checkpoint = { committed: batch.to, pending: null };
    await this.spool.release(batch.to);
    this.lastFlushAt = Date.now();
    this.options.onFlush?.({ rows, bytes: read.data.length, latencyMs: this.lastFlushAt - started });
  }

  private async deadLetter(batch: PendingFlush, error: Error): Promise<void> {
    const read = await this.spool.read(batch.from, byteDistance(batch));
    const file = await writeDeadLetter(this.spool.dir, batch.token, read?.data ?? Buffer.alloc(0), error);
    await writeCheckpoint(this.spool.dir, { committed: batch.to, pending: null });
    this.checkpoint = { committed: batch.to, pending: null };
    await this.spool.release(batch.to);
    this.deadLettered++;
    this.lastError = undefined;
    this.options.onDeadLetter?.(file, error);
  }

  private dataArrived(): void {
    const pause = this.pause;
    if (pause?.wakeOn === 'data' || (pause?.wakeOn === 'full-batch' && this.spool.unflushedBytes >= this.maxBatchBytes)) pause.done();
  }

  /** Waits `ms`, or less when stopped or when the awaited data arrives. */
  private pauseFor(ms: number, wakeOn: WakeOn): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.pause?.done === done) this.pause = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pause = { wakeOn, done };
    });
  }
}

const tables = new Set(['finance_events', 'quarantine', 'spans', 'ingest_metrics', 'bank_files', 'bank_statement_entries', 'bank_balances', 'bank_payment_statuses', 'bank_file_checks']);

/** Groups `<table>\t<row>\n` lines by table, keeping each row's bytes as they are. */
export function splitByTable(data: Buffer): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  let start = 0;
  while (start < data.length) {
    const newline = data.indexOf(0x0a, start);
    const tab = data.indexOf(0x09, start);
    const table = data.toString('latin1', start, tab);
    if (!tables.has(table)) throw new Error(`spool line at byte ${start} names unknown table "${table.slice(0, 40)}"`);
    const list = out.get(table) ?? [];
    list.push(data.subarray(tab + 1, newline + 1));
    out.set(table, list);
    start = newline + 1;
  }
  return out;
}

function byteDistance(batch: PendingFlush): number {
  // A batch never spans segments (read stops at a segment's end).
  return batch.to.offset - batch.from.offset;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
