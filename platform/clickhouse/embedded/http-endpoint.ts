// The HTTP routes of the embedded ClickHouse endpoint, shaped like a server's HTTP interface so
// @clickhouse/client works against it unchanged: `/ping` and `GET /` answer `Ok.` (health
// checks, no credentials), and queries arrive as `POST /` (or `GET /?query=…`).
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { handleQueryRequest, type QueryHandlerDeps } from './query-handler.ts';

export function createEndpointApp(deps: QueryHandlerDeps): Hono {
  const app = new Hono();
  app.get('/ping', (c) => c.text('Ok.\n'));
  app.on(['GET', 'POST'], '/', (c) => handleQueryRequest(c.req.raw, deps, (c.env as Partial<HttpBindings> | undefined)?.incoming));
  app.notFound((c) => c.text(`There is no handle ${new URL(c.req.url).pathname}\n\nUse / or /ping for health checks.\n`, 404));
  return app;
}
