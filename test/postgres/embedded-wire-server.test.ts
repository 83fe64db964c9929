// Embedded PGlite served over the wire to several `pg` connections that share its one backend.
// Always embedded, whatever the run's DATABASE_URL: this is about the embedded server itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform/postgres/embedded/start.ts';

describe('embedded PostgreSQL over the wire', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-wire-'));
    postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await postgres?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps concurrent parameterised queries from different connections apart', async () => {
    // Large parameters make each Parse/Bind/Execute/Sync batch span several TCP reads; with
    // pglite-socket's own queue another connection's Parse then lands inside the batch.
    const [a, b] = await Promise.all([connect(), connect()]);
    const padding = 'x'.repeat(300_000);
    const run = async (client: pg.Client, name: string, twoParams: boolean) => {
      const matches: boolean[] = [];
      for (let i = 0; i < 30; i++) {
        const value = `${name}-${i}-${padding}`;
        const { rows } = twoParams
          ? await client.query('select $1::text as v, $2::int as n', [value, i])
          : await client.query('select $1::text as v', [value]);
        matches.push(rows[0].v === value);
      }
      return matches;
    };
    const results = (await Promise.all([run(a, 'a', false), run(b, 'b', true)])).flat();
    expect(results.every(Boolean)).toBe(true);
  });

  it("holds other connections back until an open transaction commits, then shows them its writes", async () => {
    const [writer, reader] = await Promise.all([connect(), connect()]);
    await writer.query('create table tx_probe (n int)');
    await writer.query('begin');
    await writer.query('insert into tx_probe values (1)');
    let readerDone = false;
    const read = reader.query('select count(*)::int as n from tx_probe').then((r) => {
      readerDone = true;
      return r.rows[0].n;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readerDone).toBe(false);
    await writer.query('commit');
    expect(await read).toBe(1);
  });

  it('rolls back the transaction of a connection that disconnects, and serves the others', async () => {
    const [quitter, other] = await Promise.all([connect(), connect()]);
    await quitter.query('create table quit_probe (n int)');
    await quitter.query('begin');
    await quitter.query('insert into quit_probe values (1)');
    const waiting = other.query('select count(*)::int as n from quit_probe');
    quitter.end();
    expect((await waiting).rows[0].n).toBe(0);
  });

  it('refuses connections beyond its limit with a clear error, and keeps serving', async () => {
    const extra = await Promise.allSettled(Array.from({ length: 12 }, () => connect()));
    const refused = extra.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/too many connections/);
    const survivor = extra.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<pg.Client>;
    expect((await survivor.value.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
