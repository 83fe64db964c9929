// Process entry point for embedded PostgreSQL, started by the supervisor when DATABASE_URL is
// unset. Prints one JSON line when ready, `{"event":"listening","service":"postgres","url":…}`,
// and nothing else on stdout. SIGINT/SIGTERM close it cleanly (exit 0); a data directory held
// by another process, or bad configuration, exits 1 with the reason on stderr.
//
// It always listens on loopback: the embedded store has no authentication, and every process
// that uses it runs on this machine. CLOSEWATCH_HOST is used only if it is a loopback address.
import { ConfigError, loadConfig } from '../../config/env.ts';
import { EmbeddedPostgresLockedError } from './data-dir-lock.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './start.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function main(): Promise<void> {
  let stopRequested = false;
  let postgres: EmbeddedPostgres | undefined;
  const stop = async () => {
    if (stopRequested) return; // a signal may arrive from several parents (npx, tsx) at once
    stopRequested = true;
    if (postgres) await shutdown(postgres);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const config = loadConfig();
  postgres = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    host: LOOPBACK.test(config.CLOSEWATCH_HOST) ? config.CLOSEWATCH_HOST : '127.0.0.1',
    port: config.EMBEDDED_POSTGRES_PORT,
  });
  if (stopRequested) return shutdown(postgres);
  process.stdout.write(`${JSON.stringify({ event: 'listening', service: 'postgres', url: postgres.url })}\n`);
}

async function shutdown(postgres: EmbeddedPostgres): Promise<void> {
  try {
    await postgres.close();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`Embedded PostgreSQL: close failed: ${describe(error)}\n`);
    process.exit(1);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().catch((error: unknown) => {
  const known = error instanceof EmbeddedPostgresLockedError || error instanceof ConfigError;
  process.stderr.write(`${known ? (error as Error).message : `Embedded PostgreSQL failed to start: ${describe(error)}`}\n`);
  process.exit(1);
});
