// Starts a process body and stops it cleanly on SIGINT/SIGTERM; a start failure exits 1
// with the reason (a ConfigError prints its message alone).
import { ConfigError } from '../config/env.ts';
import type { Logger } from '../logging/logger.ts';
import { stopTelemetry } from '../telemetry/telemetry.ts';

export async function runUntilSignal(log: Logger, start: () => Promise<() => Promise<void>>): Promise<void> {
  let stop: (() => Promise<void>) | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    const started = Date.now();
    try {
      await stop?.();
      await stopTelemetry();
      log.info({ ms: Date.now() - started }, 'stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    stop = await start();
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else log.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}
