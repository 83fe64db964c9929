// The API: one router per domain.
import { documentsRouter } from '../documents/documents.router.ts';
import { eventsRouter } from '../events/events.router.ts';
import { integrationRouter } from '../integration/integration.router.ts';
import { metricsRouter } from '../metrics/metrics.router.ts';
import { quarantineRouter } from '../quarantine/quarantine.router.ts';
import { settingsRouter } from '../settings/settings.router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  events: eventsRouter,
  documents: documentsRouter,
  quarantine: quarantineRouter,
  integration: integrationRouter,
  metrics: metricsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
