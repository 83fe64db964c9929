// The API: one router per domain.
import { eventsRouter } from '../events/events.router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
