// Money and 64-bit integers come back from PostgreSQL as exact strings, never as JS numbers.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

describe('exact types', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(() => fresh?.close());

  it('returns NUMERIC as an exact decimal string', async () => {
    const { rows } = await sql<{ amount: unknown }>`select ${'12345678901234.56'}::numeric(18, 2) as amount`.execute(fresh.db);
    expect(rows[0]!.amount).toBe('12345678901234.56');
  });

  it('returns NUMERIC[] as exact decimal strings', async () => {
    const { rows } = await sql<{ amounts: unknown }>`select array[0.1, 12345678901234.56]::numeric[] as amounts`.execute(fresh.db);
    expect(rows[0]!.amounts).toEqual(['0.1', '12345678901234.56']);
  });

  it('returns int8 beyond 2^53 as an exact string', async () => {
    const { rows } = await sql<{ big: unknown; bigs: unknown }>`
      select 9007199254740993::int8 as big, array[9007199254740993, -1]::int8[] as bigs`.execute(fresh.db);
    expect(rows[0]).toEqual({ big: '9007199254740993', bigs: ['9007199254740993', '-1'] });
  });
});
