// Serves a PGlite database over the PostgreSQL wire protocol on a TCP port, so other processes
// connect with plain `pg`. Connection handling (startup, SSL refusal, message framing) is
// pglite-socket's PGLiteSocketHandler; scheduling onto the one backend is BackendSessionQueue.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { BackendSessionQueue } from './backend-session-queue.ts';

export interface WireServer {
  /** The bound port (the actual one when 0 was asked for). */
  readonly port: number;
  /** Closes every connection (rolling back an open transaction) and stops listening. */
  stop(): Promise<void>;
}

export async function serveOverWire(
  db: PGlite,
  opts: { host: string; port: number; maxConnections: number },
): Promise<WireServer> {
  const queue = new BackendSessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const sockets = new Set<Socket>(); // all open ones, refused included: close() waits for each
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (handlers.size >= opts.maxConnections) {
      refuse(socket, `too many connections (at most ${opts.maxConnections} to embedded PostgreSQL)`);
      return;
    }
    const handler = new PGLiteSocketHandler({
      // Structurally the queue the handler expects; its class is not exported.
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await listen(server, opts.port, opts.host);
  const { port } = server.address() as AddressInfo;

  return {
    port,
    async stop() {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      handlers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Answers with a FATAL ErrorResponse (SQLSTATE 53300) so the client shows a real reason. */
function refuse(socket: Socket, message: string): void {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C53300\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = 0x45; // 'E'
  header.writeInt32BE(4 + fields.length, 1);
  socket.end(Buffer.concat([header, fields]), () => socket.destroy());
}
