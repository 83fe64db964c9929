// Plays the simulated company through the public ingest API: first the last N days of
// history as fast as ingest takes them (so the dashboard has data at once), then live,
// with the simulated clock following the wall clock and sending held to a rate.
// Runs until stopped; the same seed replays the same company, so a restart resends
// history as duplicates rather than as new documents.
import { DAY } from './company/business-clock.ts';
import type { FaultRates } from './fault-rates.ts';
import { generateEvents } from './generator.ts';
import { EventsClient } from './ingest-client/events-client.ts';
import { StoppedError, sleep } from './ingest-client/retry-timing.ts';
import { TracesClient } from './ingest-client/traces-client.ts';
import { emptyStats, type PlayStats } from './player/play-stats.ts';
import { SendRate } from './player/send-rate.ts';
import type { SimEvent, SimSpan } from './sim-event.ts';

export interface PlayerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface PlayerOptions {
  ingestUrl: string;
  apiKey: string;
  seed: number;
  /** Most events per second sent while live. */
  rate: number;
  backfillDays: number;
  documentsPerDay: number;
  /** Records per request during backfill (live batches are whatever is due, up to this). */
  batchSize?: number;
  faults?: Partial<FaultRates>;
  /** Stop once the backfill has been sent instead of going live. */
  backfillOnly?: boolean;
  progressEveryMs?: number;
  log: PlayerLog;
  signal?: AbortSignal;
  now?: () => number;
  fetch?: typeof fetch;
}

const yearsAhead = 10;

export async function play(opts: PlayerOptions): Promise<PlayStats> {
  const now = opts.now ?? Date.now;
  const batchSize = opts.batchSize ?? 500;
  const stats = emptyStats();
  const onWait = (reason: string, waitMs: number) => opts.log.warn({ reason, waitMs }, 'ingest asked to wait; resending the same batch after the pause');
  const events = new EventsClient({ ingestUrl: opts.ingestUrl, apiKey: opts.apiKey, signal: opts.signal, fetch: opts.fetch, onWait });
  const traces = new TracesClient({ ingestUrl: opts.ingestUrl, apiKey: opts.apiKey, signal: opts.signal, fetch: opts.fetch, log: opts.log });
  const rate = new SendRate(opts.rate, now);
  // Whole UTC days, so a restart on the same day regenerates identical history.
  const start = new Date((Math.floor(now() / DAY) - opts.backfillDays) * DAY);
  const spans: SimSpan[] = [];
  const records = generateEvents({ seed: opts.seed, start, days: opts.backfillDays + 365 * yearsAhead, documentsPerDay: opts.documentsPerDay, faults: opts.faults, onSpan: (s) => spans.push(s) });
  let batch: SimEvent[] = [];
  let lastProgress = now();

  const progress = (force = false) => {
    if (!force && now() - lastProgress < (opts.progressEveryMs ?? 10_000)) return;
    lastProgress = now();
    opts.log.info({ ...stats }, 'progress');
  };
  const flush = async () => {
    if (batch.length === 0 && spans.length === 0) return;
    const sending = batch;
    batch = [];
    if (stats.phase === 'live') await rate.take(sending.length, opts.signal);
    if (sending.length > 0) {
      const outcome = await events.send(sending.map((r) => (typeof r.event === 'string' ? r.event : JSON.stringify(r.event))));
      stats.sent += sending.length;
      stats.accepted += outcome.accepted;
      stats.duplicates += outcome.duplicates;
      stats.rejected += outcome.rejected;
      stats.refused += outcome.refused;
      for (const r of sending) {
        if (r.kind === 'malformed') stats.malformed++;
        else if (r.kind === 'duplicate') stats.redelivered++;
      }
      stats.simulatedTime = new Date(sending[sending.length - 1]!.at).toISOString();
      if (outcome.refused > 0) opts.log.warn({ refused: outcome.refused, errors: outcome.sampleErrors }, 'ingest refused a batch');
    }
    if (spans.length > 0) stats.spansSent += await traces.send(spans.splice(0, spans.length));
    progress();
  };

  opts.log.info({ start: start.toISOString(), seed: opts.seed, backfillDays: opts.backfillDays, documentsPerDay: opts.documentsPerDay, rate: opts.rate }, 'simulator starting: backfill');
  try {
    for (const record of records) {
      if (opts.signal?.aborted) break;
      if (record.at > now()) {
        await flush();
        if (stats.phase === 'backfill') {
          opts.log.info({ ...stats }, 'backfill sent; now live');
          if (opts.backfillOnly) break;
          stats.phase = 'live';
        }
        while (record.at > now()) {
          await sleep(Math.min(record.at - now(), 1_000), opts.signal);
          progress();
        }
      }
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    if (!(error instanceof StoppedError) && !opts.signal?.aborted) throw error;
  }
  stats.phase = 'stopped';
  opts.log.info({ ...stats }, 'simulator stopped');
  return stats;
}
