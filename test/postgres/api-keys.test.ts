// api_keys: database defaults and the uniqueness of the lookup prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

describe('api_keys', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase({ migrated: true });
  });
  afterAll(() => fresh?.close());

  it('fills id and created_at, and keeps source patterns as a text array', async () => {
    const key = await fresh.db
      .insertInto('api_keys')
      .values({ name: 'AP feed', key_prefix: 'cw_ap01', key_hash: 'sha256:ab', source_patterns: ['ap/*', 'bank/"x",y'] })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(key.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(key.created_at).toBeInstanceOf(Date);
    expect(key).toMatchObject({ source_patterns: ['ap/*', 'bank/"x",y'], revoked_at: null, last_used_at: null });
  });

  it('rejects a second key with the same prefix', async () => {
    const values = { name: 'AR feed', key_prefix: 'cw_ar01', key_hash: 'sha256:cd', source_patterns: ['ar/*'] };
    await fresh.db.insertInto('api_keys').values(values).execute();
    await expect(fresh.db.insertInto('api_keys').values(values).execute()).rejects.toThrow(/api_keys_key_prefix_key|unique/);
  });
});
