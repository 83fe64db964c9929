// The embedded ClickHouse process's life (run by main.ts): start from the configuration, print
// one JSON line when ready,
// `{"event":"listening","service":"clickhouse","url":…,"username":…,"password":…}`, and nothing
// else on stdout. SIGINT/SIGTERM close it cleanly (exit 0); a data directory held by another
// process, or bad configuration, exits 1 with the reason on stderr.
//
// It always listens on loopback unless CLOSEWATCH_HOST names another loopback address. The
// password comes from EMBEDDED_CLICKHOUSE_PASSWORD, or is generated for this run.
import { ConfigError, loadConfig } from '../../config/env.ts';
import { EmbeddedClickHouseLockedError, startEmbeddedClickHouse, type EmbeddedClickHouse } from './start.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function main(): Promise<void> {
  let stopRequested = false;
  let clickhouse: EmbeddedClickHouse | undefined;
  const stop = async () => {
    if (stopRequested) return; // a signal may arrive from several parents (npx, tsx) at once
    stopRequested = true;
    if (clickhouse) await shutdown(clickhouse);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const config = loadConfig();
  clickhouse = await startEmbeddedClickHouse({
    dataDir: config.dataDir,
    host: LOOPBACK.test(config.CLOSEWATCH_HOST) ? config.CLOSEWATCH_HOST : '127.0.0.1',
    port: config.EMBEDDED_CLICKHOUSE_PORT,
    password: process.env.EMBEDDED_CLICKHOUSE_PASSWORD || undefined,
    maxMemoryBytes: config.EMBEDDED_CLICKHOUSE_MAX_MEMORY,
  });
  if (stopRequested) return shutdown(clickhouse);
  const { url, username, password } = clickhouse;
  process.stdout.write(`${JSON.stringify({ event: 'listening', service: 'clickhouse', url, username, password })}\n`);
}

async function shutdown(clickhouse: EmbeddedClickHouse): Promise<void> {
  try {
    await clickhouse.close();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`Embedded ClickHouse: close failed: ${describe(error)}\n`);
    process.exit(1);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs until a signal stops it; exits the process on failure. */
export function runEmbeddedClickHouseProcess(): void {
  main().catch((error: unknown) => {
    const known = error instanceof EmbeddedClickHouseLockedError || error instanceof ConfigError;
    process.stderr.write(`${known ? (error as Error).message : `Embedded ClickHouse failed to start: ${describe(error)}`}\n`);
    process.exit(1);
  });
}
