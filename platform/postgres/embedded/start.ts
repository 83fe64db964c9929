// Starts embedded PostgreSQL: PGlite with its data in `<dataDir>/postgres`, served on a local
// TCP port so every Closewatch process talks to it through `pg`, as it would to a real server.
// The data directory is locked first: PGlite has no lock of its own, and two processes on one
// directory corrupt it. PGlite runs with fsync off and has one backend for all connections.
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import { serveOverWire } from './wire-server.ts';

export interface EmbeddedPostgres {
  /** e.g. postgres://postgres@127.0.0.1:15432/postgres */
  url: string;
  /** The PGlite data directory, `<dataDir>/postgres`. */
  dataPath: string;
  /** Stops serving, checkpoints and closes PGlite, then releases the lock. Safe to call twice. */
  close(): Promise<void>;
}

/** A handful of processes (server, ingest, psql), each with one connection, fit. */
const MAX_CONNECTIONS = 10;

/**
 * Locks `<dataDir>/postgres`, opens PGlite there (running initdb on first use) and listens on
 * `host:port` (port 0 picks a free one). Throws EmbeddedPostgresLockedError if another live
 * process holds the directory.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  host?: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const host = opts.host ?? '127.0.0.1';
  const dataPath = join(resolve(opts.dataDir), 'postgres');
  const lock = await lockDataDir(dataPath);
  let db: PGlite | undefined;
  try {
    db = await openPglite(dataPath);
    const server = await serveOverWire(db, { host, port: opts.port ?? 15432, maxConnections: MAX_CONNECTIONS });
    const pglite = db;
    let closing: Promise<void> | undefined;
    return {
      url: `postgres://postgres@${host.includes(':') ? `[${host}]` : host}:${server.port}/postgres`,
      dataPath,
      close: () =>
        (closing ??= (async () => {
          try {
            await server.stop();
            await pglite.exec('CHECKPOINT'); // a restart then has no WAL to replay
          } finally {
            try {
              await pglite.close();
            } finally {
              await lock.release();
            }
          }
        })()),
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
}

async function openPglite(dataPath: string): Promise<PGlite> {
  const entries = await readdir(dataPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length === 0) await initializeAside(dataPath);
  return PGlite.create({ dataDir: dataPath });
}

/**
 * Runs initdb in a staging directory and renames it into place when complete. PGlite writes a
 * new data directory file by file, and one killed halfway (SIGKILL, power loss during the first
 * start) cannot be opened again; this way the directory is either absent or whole.
 */
async function initializeAside(dataPath: string): Promise<void> {
  const staging = `${dataPath}.initializing`;
  await rm(staging, { recursive: true, force: true }); // an interrupted first start; the lock is ours
  const pglite = await PGlite.create({ dataDir: staging });
  await pglite.close();
  await rmdir(dataPath).catch(() => undefined); // an empty directory, if any (rmdir refuses others)
  await rename(staging, dataPath);
}
