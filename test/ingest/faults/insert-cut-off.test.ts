// ClickHouse's side of "ingest killed mid-insert": a finance_events insert whose body is cut
// off stores nothing, so the redo with the same deduplication token stores every row once
// (if part of it were kept under the token, the redo would be deduplicated away and lost).
import net from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshClickHouse, type FreshClickHouse } from '../../support/clickhouse.ts';
import { financeSpoolLines } from '../../support/finance-spool-lines.ts';
import { storedEvents } from '../../support/stored-events.ts';

let clickhouse: FreshClickHouse;
beforeAll(async () => {
  clickhouse = await freshClickHouse();
});
afterAll(() => clickhouse?.close());

/** Sends the first `bytes` of an insert body (chunked), then drops the connection. */
function cutOffInsert(body: Buffer, bytes: number, token: string): Promise<void> {
  const { url, username, password, database } = clickhouse.connection;
  const query = new URLSearchParams({ query: 'INSERT INTO finance_events FORMAT JSONEachRow', database, insert_deduplication_token: token });
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(url).port), new URL(url).hostname, () => {
      const auth = Buffer.from(`${username}:${password}`).toString('base64');
      socket.write(`POST /?${query} HTTP/1.1\r\nHost: clickhouse\r\nAuthorization: Basic ${auth}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      socket.write(`${bytes.toString(16)}\r\n`);
      socket.write(body.subarray(0, bytes));
      socket.write('\r\n', () => setTimeout(() => socket.destroy(), 200));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => setTimeout(resolve, 300));
  });
}

it('keeps nothing of a cut-off insert, so the redo under the same token stores every row', async () => {
  const batch = financeSpoolLines('cut-off-', 40);
  const rows = Buffer.from(batch.data.toString().replaceAll('finance_events\t', ''));
  const token = `cut-off-${Date.now()}-finance_events`;
  await cutOffInsert(rows, Math.floor(rows.length * 0.6), token);
  expect((await storedEvents(clickhouse.ch, 'cut-off-')).rawRows).toBe(0);

  const redo = await clickhouse.ch.exec({ query: 'INSERT INTO finance_events FORMAT JSONEachRow', values: Readable.from([rows]), clickhouse_settings: { insert_deduplication_token: token } });
  redo.stream.resume();
  expect(await storedEvents(clickhouse.ch, 'cut-off-', batch.ids)).toEqual({ identities: 40, finalRows: 40, rawRows: 40, missing: [] });
});
