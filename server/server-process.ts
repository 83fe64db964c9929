// Runs the server (tRPC API + dashboard) as its own process until SIGINT/SIGTERM.
import { serve } from '@hono/node-server';
import { loadConfigOrExit } from '../platform/config/env.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { announceListening } from '../platform/process/announce.ts';
import { closeHttpServer } from '../platform/process/close-http-server.ts';
import { runUntilSignal } from '../platform/process/run-until-signal.ts';
import { openStores } from '../platform/process/stores.ts';
import { createServerApp } from './http/server-app.ts';
import { startKeptFindingsLoop } from './kept-findings/kept-findings-loop.ts';
import { startPaymentMatcherLoop } from './matching/payment-matcher-loop.ts';
import { startCloseRiskWarmer } from './metrics/close-risk/close-risk-warmer.ts';
import { startStateSnapshotLoop } from './state-snapshots/state-snapshot-loop.ts';
import { syncBusinessCalendar } from './settings/business-calendar.ts';
import { loadFinanceSettings } from './settings/finance-settings.ts';

export async function runServerProcess(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger('server', config.LOG_LEVEL);
  await runUntilSignal(log, async () => {
    const stores = await openStores(config, 'server');
    // SLA and close-deadline queries join each entity's business calendar.
    await syncBusinessCalendar(stores.ch, await loadFinanceSettings(stores.db));
    const matcher = startPaymentMatcherLoop({ ch: stores.ch, db: stores.db, log });
    const snapshots = startStateSnapshotLoop({ ch: stores.ch, log });
    const keptFindings = startKeptFindingsLoop({ ch: stores.ch, db: stores.db, log });
    const closeRiskWarmer = startCloseRiskWarmer({ ch: stores.ch, db: stores.db, log });
    const app = createServerApp({ ch: stores.ch, db: stores.db, log });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: config.CLOSEWATCH_HOST, port: config.SERVER_PORT }, () => resolve(s));
      s.once('error', reject);
    });
    const url = `http://${config.CLOSEWATCH_HOST}:${config.SERVER_PORT}`;
    announceListening({ service: 'server', url });
    log.info({ url }, 'server listening');
    return async () => {
      await closeHttpServer(server);
      await Promise.all([matcher.stop(), snapshots.stop(), keptFindings.stop(), closeRiskWarmer.stop()]);
      await stores.close();
    };
  });
}
