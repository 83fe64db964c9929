// `npm run demo`: the simulated company, played through the ingest API until stopped.
// Exits 2 on a configuration problem (the message names the setting), 1 if ingest refuses
// the API key, 0 when stopped by SIGINT/SIGTERM or after --backfill-only.
import { createLogger } from '../platform/logging/logger.ts';
import { IngestAuthError } from './ingest-client/events-client.ts';
import { loadPlayerConfig, PlayerConfigError, usage } from './player/player-config.ts';
import { play } from './player.ts';

let config;
try {
  config = loadPlayerConfig(process.env, process.argv.slice(2));
} catch (error) {
  const message = error instanceof PlayerConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : String(error);
  process.stderr.write(`simulator: ${message}\n\n${usage}`);
  process.exit(2);
}
if (config === 'help') {
  process.stdout.write(usage);
  process.exit(0);
}

const log = createLogger('simulator');
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

try {
  await play({ ...config, log, signal: stop.signal });
  process.exit(0);
} catch (error) {
  if (error instanceof IngestAuthError) {
    log.fatal({}, error.message);
    process.exit(1);
  }
  log.fatal({ err: error }, `simulator failed: ${(error as Error).message}`);
  process.exit(1);
}
