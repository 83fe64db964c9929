// Assembles ingest: spool, flusher, API keys and the HTTP app, over open stores. Used by
// the ingest process and by tests, which start it on an ephemeral port.
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../platform/config/env.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { closeHttpServer } from '../platform/process/close-http-server.ts';
import type { Stores } from '../platform/process/stores.ts';
import { lockDataDir } from '../platform/postgres/embedded/data-dir-lock.ts';
import { pingPostgres } from '../platform/postgres/readiness.ts';
import { ApiKeyStore } from './auth/api-key-store.ts';
import { BankFileRegistry } from './bank-files/bank-file-registry.ts';
import { startBankInbox } from './bank-files/bank-inbox.ts';
import { loadRecentIdentities, RecentIdentities } from './events/recent-identities.ts';
import { createIngestApp } from './http/ingest-app.ts';
import { Flusher } from './spool/flusher.ts';
import { Spool } from './spool/spool.ts';
import { ingestMetricExporter } from './telemetry/ingest-metric-store.ts';
import { ingestMetrics } from './telemetry/ingest-metrics.ts';

export interface IngestService {
  url: string;
  spool: Spool;
  flusher: Flusher;
  recent: RecentIdentities;
  /** Settles once `recent` holds the identities ClickHouse received before this start (or seeding gave up). */
  recentSeeded: Promise<void>;
  close(): Promise<void>;
}

/** How far back a restart remembers deliveries, to answer redeliveries as duplicates. */
const SEED_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * How long start waits for that memory before listening; a larger one finishes in the
 * background (redeliveries in the meantime are accepted again and ClickHouse still keeps each
 * identity once). Measured on the shared dev machine: 100 000 identities load in about
 * 0.4–0.5 s, 1 000 000 (the full capacity, ~170 MB) in about 2.5–3 s.
 */
const SEED_WAIT_MS = 1_000;

export async function startIngest(config: Config, stores: Stores, log: Logger, opts: { port?: number } = {}): Promise<IngestService> {
  // One ingest process per spool: a second one on the same data dir is refused.
  const spoolLock = await lockDataDir(join(config.dataDir, 'spool'), 'Ingest');
  const spool = await Spool.open({ dir: join(config.dataDir, 'spool'), maxBytes: config.INGEST_SPOOL_MAX_BYTES });
  const flusher = new Flusher(spool, stores.ch, {
    lingerMs: config.INGEST_FLUSH_INTERVAL_MS,
    onFlush: ({ rows, latencyMs }) => ingestMetrics.flushed(rows, latencyMs),
    onDeadLetter: (file, error) => log.error({ file, err: error.message }, 'ClickHouse refused a spooled batch for its content; set aside in the dead-letter folder'),
    onError: (error, attempt) => {
      if (attempt === 1 || attempt % 20 === 0) log.warn({ err: error.message, attempt }, 'ClickHouse insert failed; spool keeps the data and retries');
    },
  });
  const recent = new RecentIdentities();
  const seedAbort = new AbortController();
  const recentSeeded = seedRecentIdentities(stores, recent, log, seedAbort.signal);
  await flusher.start();
  ingestMetricExporter.bind(spool);
  ingestMetrics.observeSpool(() => ({ bytes: spool.unflushedBytes, lagMs: spool.unflushedBytes === 0 ? 0 : Date.now() - (flusher.lastFlushAt ?? Date.now()) }));

  const bankFiles = { registry: new BankFileRegistry(stores.ch, log), workDir: join(config.dataDir, 'bank-files') };
  // Treasury systems drop statement files here; each is processed and moved to processed/ or failed/.
  const bankInbox = startBankInbox({ dir: join(config.dataDir, 'bank-inbox'), spool, log, ...bankFiles });
  const app = createIngestApp({
    bankFiles,
    spool,
    keys: new ApiKeyStore(stores.db),
    recent,
    maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
    log,
    ready: async () => ({
      clickhouse: await stores.ch.ping().then((r) => (r.success ? 'ok' : `unreachable: ${r.error.message}`)),
      postgres: await pingPostgres(stores.db).then(() => 'ok', (e: Error) => `unreachable: ${e.message}`),
      spool: spoolReadiness(spool, flusher, config.INGEST_SPOOL_MAX_BYTES),
    }),
  });
  await settledWithin(recentSeeded, SEED_WAIT_MS);
  const server = await listen(app.fetch, config.CLOSEWATCH_HOST, opts.port ?? config.INGEST_PORT);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${config.CLOSEWATCH_HOST}:${port}`,
    spool,
    flusher,
    recent,
    recentSeeded,
    async close() {
      seedAbort.abort();
      await closeHttpServer(server);
      ingestMetricExporter.bind(undefined);
      await bankInbox.close();
      await flusher.stop();
      await spool.close();
      await spoolLock.release();
    },
  };
}

/** Fills `recent` from finance_events; a failure is logged and leaves it as it is (best effort). */
async function seedRecentIdentities(stores: Stores, recent: RecentIdentities, log: Logger, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  try {
    const keys = await loadRecentIdentities(stores.ch, { withinMs: SEED_WINDOW_MS, limit: recent.capacity, signal });
    const loaded = keys.size;
    recent.seedOlder(keys);
    log.info({ identities: loaded, ms: Date.now() - started }, 'recent identities loaded from ClickHouse');
  } catch (error) {
    if (signal.aborted) return;
    log.warn({ err: (error as Error).message }, 'could not load recent identities from ClickHouse; redeliveries of earlier events will be accepted again (ClickHouse still keeps each once)');
  }
}

/** Waits for `promise` (which never rejects) at most `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than what
 * load balancers and HTTP clients keep idle connections for (60 s and more), so a client could
 * send its next batch on a connection the server was closing that instant and get a reset
 * instead of an answer. Sources that send every few seconds keep their connection.
 */
export const KEEP_ALIVE_IDLE_MS = 65_000;

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = KEEP_ALIVE_IDLE_MS;
      // A request's headers must be allowed to arrive on a connection kept this long.
      server.headersTimeout = KEEP_ALIVE_IDLE_MS + 1_000;
    }
    server.once('error', reject);
  });
}

/** Not ready while ClickHouse inserts fail or the backlog fills over half the spool. */
function spoolReadiness(spool: Spool, flusher: Flusher, maxBytes: number): string {
  const bytes = spool.unflushedBytes;
  if (flusher.lastError) return `backlog of ${bytes} bytes: ${flusher.lastError.message}`;
  if (bytes > maxBytes / 2) return `backlog of ${bytes} bytes, over half of the ${maxBytes}-byte spool`;
  return 'ok';
}
