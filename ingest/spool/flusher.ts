// Moves spooled records into ClickHouse in batches (by size or time), with a deduplication
// token per batch so a retried or redone batch is never inserted twice. While ClickHouse
// is unreachable it retries with capped exponential backoff and the spool absorbs the stream.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { readCheckpoint, writeCheckpoint, type Checkpoint, type PendingFlush } from './checkpoint.ts';
import type { Spool } from './spool.ts';

export interface FlusherOptions {
  maxBatchBytes?: number;
  /** How long a small batch may wait for company before it is flushed anyway. */
  lingerMs?: number;
  maxBackoffMs?: number;
  onFlush?: (stats: { rows: number; bytes: number; latencyMs: number }) => void;
  onError?: (error: Error, attempt: number) => void;
}

export class Flusher {
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private checkpoint: Checkpoint = { committed: { segment: 1, offset: 0 }, pending: null };
  /** The last error inserting into ClickHouse, cleared by the next success. */
  lastError: Error | undefined;
  lastFlushAt: number | undefined;

  constructor(
    private readonly spool: Spool,
    private readonly ch: ClickHouseClient,
    private readonly options: FlusherOptions = {},
  ) {}

  async start(): Promise<void> {
    this.checkpoint = (await readCheckpoint(this.spool.dir)) ?? this.checkpoint;
    await this.spool.release(this.checkpoint.committed);
    this.spool.onAppend(() => this.wake?.());
    this.loop = this.run();
  }

  /** Stops after the batch in flight; what is left stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Resolves when everything spooled before the call is in ClickHouse. */
  async drained(timeoutMs = 30_000): Promise<void> {
    const target = this.spool.end;
    const deadline = Date.now() + timeoutMs;
    while (this.checkpoint.committed.segment < target.segment || (this.checkpoint.committed.segment === target.segment && this.checkpoint.committed.offset < target.offset)) {
      if (Date.now() > deadline) throw new Error('spool did not drain in time', { cause: this.lastError });
      await sleep(10);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const batch = this.checkpoint.pending ?? (await this.nextBatch());
      if (!batch) {
        await this.idle(1000);
        continue;
      }
      await this.flushWithRetry(batch);
    }
  }

  private async nextBatch(): Promise<PendingFlush | undefined> {
    const maxBytes = this.options.maxBatchBytes ?? 4 * 1024 * 1024;
    if (this.spool.unflushedBytes < maxBytes) await this.idle(this.options.lingerMs ?? 50);
    const read = await this.spool.read(this.checkpoint.committed, maxBytes);
    if (!read) return undefined;
    const pending = { from: read.from, to: read.to, token: `${this.spool.id}-${read.from.segment}.${read.from.offset}-${read.to.offset}` };
    this.checkpoint = { ...this.checkpoint, pending };
    await writeCheckpoint(this.spool.dir, this.checkpoint);
    return pending;
  }

  private async flushWithRetry(batch: PendingFlush): Promise<void> {
    for (let attempt = 1; !this.stopped || attempt === 1; attempt++) {
      try {
        await this.flush(batch);
        this.lastError = undefined;
        return;
      } catch (error) {
        this.lastError = error as Error;
        this.options.onError?.(error as Error, attempt);
        if (this.stopped) return;
        const backoff = Math.min(this.options.maxBackoffMs ?? 5000, 100 * 2 ** Math.min(attempt, 10));
        await sleep(backoff / 2 + Math.random() * (backoff / 2));
      }
    }
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
        clickhouse_settings: { insert_deduplication_token: `${batch.token}-${table}` },
      });
      result.stream.resume();
    }
    this.checkpoint = { committed: batch.to, pending: null };
    await writeCheckpoint(this.spool.dir, this.checkpoint);
    await this.spool.release(batch.to);
    this.lastFlushAt = Date.now();
    this.options.onFlush?.({ rows, bytes: read.data.length, latencyMs: this.lastFlushAt - started });
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

const tables = new Set(['finance_events', 'quarantine', 'spans']);

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
