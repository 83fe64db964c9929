// Starts embedded ClickHouse: the engine from the `chdb` package with its data in
// `<dataDir>/clickhouse`, behind a loopback HTTP endpoint that speaks enough of ClickHouse's
// HTTP interface for @clickhouse/client, so product code talks to it exactly as to a server.
// chDB binds one data directory per process, and the engine itself refuses a directory that
// another process holds, which surfaces as EmbeddedClickHouseLockedError.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { otherHolderOf } from './data-path-holder.ts';
import { totalmem } from 'node:os';
import { baselineConnectionArgs, defaultEngineMemoryRatio, memoryLimits, productionBaseline } from './engine-baseline.ts';
import { createEndpointApp } from './http-endpoint.ts';
import { PinnedSessions } from './pinned-sessions.ts';
import { SessionPool } from './session-pool.ts';

export interface EmbeddedClickHouse {
  /** e.g. http://127.0.0.1:18123 */
  url: string;
  username: string;
  password: string;
  /** The engine's data directory, `<dataDir>/clickhouse`. */
  dataPath: string;
  /** Stops serving, waits briefly for running requests, closes every engine connection. Safe to call twice. */
  close(): Promise<void>;
}

/** The data directory is held by another process (the engine's own lock, code 76). */
export class EmbeddedClickHouseLockedError extends Error {
  constructor(readonly dataPath: string) {
    super(
      `Embedded ClickHouse: data directory ${dataPath} is already in use by another Closewatch process. ` +
        'Stop it first or set CLOSEWATCH_DATA_DIR to another directory.',
    );
    this.name = 'EmbeddedClickHouseLockedError';
  }
}

/** Six connections keep two cores busy and leave room for a slow stream or two. */
const defaultPoolSize = 6;
/** Time running requests get to finish on close before their connections are cut. */
const closeGraceMs = 2_000;

/**
 * Opens the engine on `<dataDir>/clickhouse` and serves it on `host:port` (port 0 picks a free
 * one). Without a password a random one is generated; it is returned, never stored.
 */
export async function startEmbeddedClickHouse(opts: {
  dataDir: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  poolSize?: number;
  /** Memory all running statements may take together (default 60 % of the machine's). */
  maxMemoryBytes?: number;
}): Promise<EmbeddedClickHouse> {
  const host = opts.host ?? '127.0.0.1';
  const username = opts.username ?? 'default';
  const password = opts.password ?? randomBytes(18).toString('base64url');
  const dataPath = join(resolve(opts.dataDir), 'clickhouse');
  await mkdir(dataPath, { recursive: true });

  const memory = memoryLimits(opts.maxMemoryBytes ?? totalmem() * defaultEngineMemoryRatio);
  const pool = new SessionPool(dataPath, opts.poolSize ?? defaultPoolSize, baselineConnectionArgs({ ...productionBaseline, ...memory }));
  try {
    pool.warmUp();
  } catch (error) {
    if (otherHolderOf(dataPath) !== undefined || (error instanceof Error && /Code: 76\./.test(error.message))) {
      throw new EmbeddedClickHouseLockedError(dataPath);
    }
    throw error;
  }
  const pinned = new PinnedSessions(pool);
  const app = createEndpointApp({ pool, pinned, user: { username, password }, baseline: productionBaseline, logError });
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions: { maxHeaderSize: 1 << 20 } }) as Server;
  server.keepAliveTimeout = 10_000; // longer than the client's idle socket TTL (2.5 s)
  server.requestTimeout = 0; // a large insert may stream for minutes
  let port: number;
  try {
    port = await listen(server, opts.port ?? 18123, host);
  } catch (error) {
    await pool.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    username,
    password,
    dataPath,
    close: () =>
      (closing ??= (async () => {
        await stopServer(server);
        pinned.close();
        await pool.close();
      })()),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), closeGraceMs).unref();
  });
}

function logError(error: unknown, context: Record<string, unknown>): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', service: 'clickhouse', msg: 'embedded endpoint request failed', error: detail, ...context })}\n`);
}
