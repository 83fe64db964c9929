// The server's HTTP application: tRPC under /trpc, health endpoints, and the built dashboard.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import type { Logger } from '../../platform/logging/logger.ts';
import { pingPostgres } from '../../platform/postgres/readiness.ts';
import { LatestResultCache } from '../metrics/snapshots/latest-result-cache.ts';
import { metricCacheTiming } from '../metrics/snapshots/served-metric.ts';
import { appRouter } from '../trpc/app-router.ts';
import { createContextInner, type Context } from '../trpc/context.ts';

export const dashboardDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export function createServerApp(deps: Omit<Context, 'actor' | 'results'> & { log: Logger }): Hono {
  const app = new Hono();
  const results = new LatestResultCache<unknown>(metricCacheTiming);
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = {
      clickhouse: await deps.ch.ping().then((r) => (r.success ? 'ok' : `unreachable: ${r.error.message}`)),
      postgres: await pingPostgres(deps.db).then(() => 'ok', (e: Error) => `unreachable: ${e.message}`),
    };
    const ok = Object.values(checks).every((v) => v === 'ok');
    return c.json({ status: ok ? 'ready' : 'not ready', checks }, ok ? 200 : 503);
  });
  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      createContext: () => createContextInner({ ...deps, results }) as unknown as Record<string, unknown>,
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    }),
  );
  if (existsSync(dashboardDir)) {
    app.use('/assets/*', serveStatic({ root: relativeToCwd(dashboardDir) }));
    app.get('*', async (c) => c.html(await readFile(`${dashboardDir}index.html`, 'utf8')));
  } else {
    app.get('/', (c) => c.text('The dashboard is not built yet: run `npm run build`.', 503));
  }
  return app;
}

/** serveStatic resolves its root against the working directory. */
function relativeToCwd(dir: string): string {
  return `./${dir.startsWith(process.cwd()) ? dir.slice(process.cwd().length + 1) : dir}`;
}
