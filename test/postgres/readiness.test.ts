// pingPostgres: resolves when PostgreSQL answers, rejects when it cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../platform/postgres/database.ts';
import { pingPostgres } from '../../platform/postgres/readiness.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

describe('pingPostgres', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(() => fresh?.close());

  it('resolves against a running database', async () => {
    await expect(pingPostgres(fresh.db)).resolves.toBeUndefined();
  });

  it('rejects when nothing listens at the URL', async () => {
    const unreachable = createDatabase({ url: 'postgres://postgres@127.0.0.1:1/postgres', embedded: false });
    try {
      await expect(pingPostgres(unreachable)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await unreachable.destroy();
    }
  });
});
