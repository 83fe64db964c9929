// Loads the simulated company's records into ClickHouse for the metrics benchmark, straight
// into finance_events (and quarantine) without HTTP, but row for row what ingest writes: each
// record goes through ingest's validateEvent and financeEventRow (refused ones through
// quarantineRow), redeliveries are dropped by ingest's RecentIdentities, and
// received_at is the record's delivery time. Batches stream in while the next one is built, so
// memory stays at about two batches whatever the total.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { financeEventRow } from '../../ingest/events/event-row.ts';
import { RecentIdentities } from '../../ingest/events/recent-identities.ts';
import type { RecordError } from '../../ingest/events/record-error.ts';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { quarantineRow } from '../../ingest/quarantine/quarantine-record.ts';
import { generateEvents, type SimEvent } from '../../simulator/generator.ts';

export interface LoaderOptions {
  seed: number;
  start: Date;
  days: number;
  documentsPerDay: number;
  batchRows: number;
}

export interface LoadedSoFar {
  /** finance_events rows written (accepted records). */
  events: number;
  quarantined: number;
  duplicates: number;
  /** Latest business time among the written events (epoch ms). */
  lastTimeMs: number;
  /** The generator ran out before the target. */
  exhausted: boolean;
  /** Time spent generating, validating and mapping records, and waiting for ClickHouse to take a batch. */
  buildSeconds: number;
  waitSeconds: number;
}

type Row = Record<string, unknown>;

/**
 * Records built between yields to the event loop (a few ms of work). A batch built in one
 * go held the loop for as long as it took, and the insert issued just before it was not
 * written until the build ended: past the endpoint's 10 s keep-alive, the socket it had been
 * given was closed by then (write EPIPE).
 */
const recordsPerSlice = 2_000;

export class EventLoader {
  private readonly records: Iterator<SimEvent>;
  private readonly recent = new RecentIdentities();
  readonly loaded: LoadedSoFar = { events: 0, quarantined: 0, duplicates: 0, lastTimeMs: 0, exhausted: false, buildSeconds: 0, waitSeconds: 0 };

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly opts: LoaderOptions,
  ) {
    this.records = generateEvents({ seed: opts.seed, start: opts.start, days: opts.days, documentsPerDay: opts.documentsPerDay });
  }

  /** Writes records until `targetEvents` finance_events rows are in (or the generator ends). */
  async loadUntil(targetEvents: number, progress: (loaded: LoadedSoFar) => void): Promise<LoadedSoFar> {
    let pending: Promise<void> = Promise.resolve();
    while (this.loaded.events < targetEvents && !this.loaded.exhausted) {
      const batch = await this.nextBatch(Math.min(this.opts.batchRows, targetEvents - this.loaded.events));
      const waited = performance.now();
      await pending; // one insert in flight while the next batch is built
      this.loaded.waitSeconds += (performance.now() - waited) / 1000;
      pending = this.insert(batch).then(() => progress(this.loaded));
      // Awaited with the next batch; marked handled now, since the build yields to the event
      // loop meanwhile and a failed insert must reach the caller, not end the process.
      pending.catch(() => undefined);
    }
    await pending;
    return this.loaded;
  }

  /**
   * Runs the generator on until `targetEvents` rows without writing them: to go on adding to
   * a store a run with the same options loaded earlier.
   */
  async skipUntil(targetEvents: number): Promise<LoadedSoFar> {
    while (this.loaded.events < targetEvents && !this.loaded.exhausted) {
      const events: Row[] = [];
      this.buildSlice(targetEvents - this.loaded.events, events, []);
      this.loaded.events += events.length;
      await yieldToEventLoop();
    }
    return this.loaded;
  }

  /** Builds up to `rows` event rows, a slice at a time so the insert in flight keeps streaming. */
  private async nextBatch(rows: number): Promise<{ events: Row[]; quarantine: Row[] }> {
    const events: Row[] = [];
    const quarantine: Row[] = [];
    while (events.length < rows && !this.loaded.exhausted) {
      const started = performance.now();
      this.buildSlice(rows, events, quarantine);
      this.loaded.buildSeconds += (performance.now() - started) / 1000;
      await yieldToEventLoop();
    }
    this.loaded.events += events.length;
    return { events, quarantine };
  }

  private buildSlice(rows: number, events: Row[], quarantine: Row[]): void {
    for (let i = 0; i < recordsPerSlice && events.length < rows; i++) {
      const next = this.records.next();
      if (next.done) {
        this.loaded.exhausted = true;
        break;
      }
      const record = next.value;
      const parsed = typeof record.event === 'string' ? parseRaw(record.event) : { value: record.event as unknown };
      const result = 'error' in parsed ? undefined : validateEvent(parsed.value);
      if (!result?.ok) {
        const errors: RecordError[] = result ? result.errors : [{ path: '(record)', message: `is not valid JSON: ${(parsed as { error: string }).error}` }];
        const raw = typeof record.event === 'string' ? record.event : JSON.stringify(record.event);
        quarantine.push(quarantineRow({ channel: 'events', raw, errors, source: result?.source, eventId: result?.id, eventType: result?.type, apiKeyPrefix: 'cw_bench', receivedAtMs: record.at }));
        this.loaded.quarantined++;
        continue;
      }
      const key = RecentIdentities.key(result.event.source, result.event.id);
      if (this.recent.has(key)) {
        this.loaded.duplicates++;
        continue;
      }
      this.recent.add(key);
      events.push(financeEventRow(result.event, record.at));
      this.loaded.lastTimeMs = Math.max(this.loaded.lastTimeMs, result.event.timeMs);
    }
  }

  private batches = 0;

  private async insert(batch: { events: Row[]; quarantine: Row[] }): Promise<void> {
    // A batch insert can fail in transit (seen: write EPIPE when builds held the event loop
    // past the endpoint's keep-alive; see recordsPerSlice). Retried as ingest's flusher does,
    // under a deduplication token so a batch that did land is not doubled.
    const token = `bench-${this.opts.seed}-${this.batches++}`;
    if (batch.events.length > 0) await this.withRetries(() => this.ch.insert({ table: 'finance_events', values: batch.events, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: token } }));
    if (batch.quarantine.length > 0) await this.withRetries(() => this.ch.insert({ table: 'quarantine', values: batch.quarantine, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: token } }));
  }

  private async withRetries(insert: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await insert();
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (attempt >= 5 || !['EPIPE', 'ECONNRESET', 'ECONNREFUSED'].includes(code ?? '')) throw error;
        process.stderr.write(`[bench] insert failed in transit (${code}); retrying, attempt ${attempt + 1}\n`);
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  }
}

function parseRaw(raw: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
