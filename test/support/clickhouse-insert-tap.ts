// A TCP proxy in front of ClickHouse that watches inserts into finance_events go by, so a fault
// test can act at the worst moment: ClickHouse has stored the batch and answered, but the answer
// has not reached ingest yet. Until armed it forwards bytes unchanged.
import net from 'node:net';

const financeInsert = /^POST \S*[?&]query=INSERT(?:\+|%20)INTO(?:\+|%20)finance_events/;

export interface InsertTap {
  port: number;
  /** Calls `act` once, when ClickHouse answers the next finance_events insert; the answer is dropped. */
  armOnInsertAnswered(act: () => void): void;
  /** Inserts seen so far. */
  inserts(): number;
  close(): Promise<void>;
}

export async function startInsertTap(upstreamPort: number): Promise<InsertTap> {
  let armed: (() => void) | undefined;
  let inserts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    let insertInFlight = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (financeInsert.test(chunk.toString('latin1', 0, 4096).split('\r\n', 1)[0]!)) {
        insertInFlight = true;
        inserts++;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (insertInFlight && armed) {
        const act = armed;
        armed = undefined;
        act();
        client.destroy();
        upstream.destroy();
        return;
      }
      insertInFlight = false;
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    armOnInsertAnswered: (act) => (armed = act),
    inserts: () => inserts,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
