// Stops an HTTP server promptly: no new connections, idle keep-alive connections closed at
// once (browsers and fetch keep them open for seconds), busy ones given a grace period.
import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';

export async function closeHttpServer(server: ServerType, graceMs = 5000): Promise<void> {
  const http = server as Server;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections?.();
  const timer = setTimeout(() => http.closeAllConnections?.(), graceMs);
  await closed;
  clearTimeout(timer);
}
