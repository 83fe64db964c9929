// Runs ingest as its own process until SIGINT/SIGTERM, then drains in-flight work cleanly.
import { loadConfigOrExit } from '../platform/config/env.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { announceListening } from '../platform/process/announce.ts';
import { runUntilSignal } from '../platform/process/run-until-signal.ts';
import { openStores } from '../platform/process/stores.ts';
import { startIngest } from './ingest-service.ts';

export async function runIngestProcess(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger('ingest', config.LOG_LEVEL);
  await runUntilSignal(log, async () => {
    const stores = await openStores(config, 'ingest');
    const ingest = await startIngest(config, stores, log);
    announceListening({ service: 'ingest', url: ingest.url });
    log.info({ url: ingest.url, spoolBytes: ingest.spool.unflushedBytes }, 'ingest listening');
    return async () => {
      await ingest.close();
      await stores.close();
    };
  });
}
