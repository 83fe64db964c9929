// The API key cache: refreshed ahead of expiry by one shared background query, concurrent
// requests after expiry share one query, and a revoked key is refused within the TTL.
// Queries are counted with a Kysely plugin on the real database connection: it sees every
// api_keys SELECT sent to PostgreSQL and every result that came back.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore, createApiKey } from '../../ingest/auth/api-key-store.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

class QueryCounter implements KyselyPlugin {
  sent = 0;
  answered = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'SelectQueryNode') this.sent++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.answered++;
    return args.result;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TTL = 2_000;

describe('ApiKeyStore cache', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase({ migrated: true });
  });
  afterAll(() => fresh?.close());

  const storeWithCounter = () => {
    const counter = new QueryCounter();
    return { counter, store: new ApiKeyStore(fresh.db.withPlugin(counter), TTL) };
  };

  it('runs one query for many concurrent authentications after the entry expired', async () => {
    const { key } = await createApiKey(fresh.db, 'expiry', ['*']);
    const { counter, store } = storeWithCounter();
    expect(await store.verify(key)).toMatchObject({ name: 'expiry' });
    expect(counter.sent).toBe(1);
    await store.verify(key);
    expect(counter.sent).toBe(1); // fresh entry: no query

    await sleep(TTL + 50);
    const answers = await Promise.all(Array.from({ length: 25 }, () => store.verify(key)));
    expect(answers.every((a) => a?.name === 'expiry')).toBe(true);
    expect(counter.sent).toBe(2);
  });

  it('an unknown prefix is also looked up once for concurrent requests', async () => {
    const { counter, store } = storeWithCounter();
    const unknown = `cwk_${'a'.repeat(12)}_${'B'.repeat(32)}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => store.verify(unknown)));
    expect(answers).toEqual(Array(10).fill(undefined));
    expect(counter.sent).toBe(1);
  });

  it('past half the TTL answers from the cache while one background refresh runs', async () => {
    const { key } = await createApiKey(fresh.db, 'ahead', ['ap/*']);
    const { counter, store } = storeWithCounter();
    await store.verify(key);
    expect(counter.answered).toBe(1);

    await sleep(TTL * 0.6);
    const answers = await Promise.all(Array.from({ length: 25 }, () => store.verify(key)));
    expect(answers.every((a) => a?.sourcePatterns[0] === 'ap/*')).toBe(true);
    expect(counter.sent).toBe(2); // one shared refresh started…
    expect(counter.answered).toBe(1); // …and nobody waited for it
    await sleep(200);
    expect(counter.answered).toBe(2);

    // The refreshed entry is good for a TTL from its own query: no wait past the first entry's expiry.
    await sleep(TTL * 0.5);
    await store.verify(key);
    expect(counter.answered).toBe(2);
  });

  it('refuses a revoked key within the TTL, even under steady traffic that keeps refreshing it', async () => {
    const { key, prefix } = await createApiKey(fresh.db, 'revoked', ['*']);
    const { store } = storeWithCounter();
    const answers: { startedAt: number; ok: boolean }[] = [];
    let revokedAt = Infinity;
    let stop = false;
    const traffic = (async () => {
      while (!stop) {
        const startedAt = Date.now();
        answers.push({ startedAt, ok: (await store.verify(key)) !== undefined });
        await sleep(10);
      }
    })();
    await sleep(TTL * 0.7); // the entry is now in its refresh-ahead half
    await fresh.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('key_prefix', '=', prefix).execute();
    revokedAt = Date.now();
    await sleep(TTL + 300);
    stop = true;
    await traffic;

    const afterTtl = answers.filter((a) => a.startedAt > revokedAt + TTL);
    expect(answers.filter((a) => a.startedAt < revokedAt).every((a) => a.ok)).toBe(true);
    expect(afterTtl.length).toBeGreaterThan(0);
    expect(afterTtl.filter((a) => a.ok)).toEqual([]);
  });
});
