// The ingest HTTP application: routes, backpressure and error mapping. Built without
// opening a port, so tests can call app.request().
import { Hono } from 'hono';
import type { ApiKeyStore } from '../auth/api-key-store.ts';
import type { BankFileRegistry } from '../bank-files/bank-file-registry.ts';
import { bankFilesRoute } from '../bank-files/bank-files.route.ts';
import { eventsRoute } from '../events/events.route.ts';
import { tracesRoute } from '../traces/traces.route.ts';
import type { RecentIdentities } from '../events/recent-identities.ts';
import type { Spool } from '../spool/spool.ts';
import { HttpProblem } from './http-problem.ts';

export interface IngestAppDeps {
  spool: Spool;
  keys: ApiKeyStore;
  recent: RecentIdentities;
  maxBodyBytes: number;
  /** Requests handled at once before new ones get 429. */
  maxInFlight?: number;
  ready: () => Promise<Record<string, string>>;
  /** POST /v1/bank-files: its registry of taken files and a folder for temporary files. */
  bankFiles?: { registry: BankFileRegistry; workDir: string; maxFileBytes?: number };
  log: { error: (obj: object, msg: string) => void };
}

export function createIngestApp(deps: IngestAppDeps): Hono {
  const app = new Hono();
  let inFlight = 0;
  const maxInFlight = deps.maxInFlight ?? 512;

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = await deps.ready();
    const ok = Object.values(checks).every((v) => v === 'ok');
    return c.json({ status: ok ? 'ready' : 'not ready', checks }, ok ? 200 : 503);
  });

  app.use('/v1/*', async (c, next) => {
    if (inFlight >= maxInFlight) throw new HttpProblem(429, 'too many requests in flight; retry shortly', { 'Retry-After': '1' });
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  });
  app.post('/v1/events', eventsRoute(deps));
  app.post('/v1/traces', tracesRoute(deps));
  if (deps.bankFiles) app.post('/v1/bank-files', bankFilesRoute({ spool: deps.spool, keys: deps.keys, ...deps.bankFiles }));

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpProblem) {
      return c.json({ error: error.message }, error.status, error.headers);
    }
    deps.log.error({ err: error, path: c.req.path }, 'ingest request failed');
    return c.json({ error: 'internal error; the request was not acknowledged, retry it' }, 500);
  });
  return app;
}
