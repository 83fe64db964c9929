// audit_log is append-only: entries can be added, never changed or removed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

describe('audit_log', () => {
  let fresh: FreshDatabase;
  let id: string;
  beforeAll(async () => {
    fresh = await freshDatabase({ migrated: true });
    const entry = await fresh.db
      .insertInto('audit_log')
      .values({ actor: 'user:ana', action: 'api_key.created', target_type: 'api_key', target_id: 'k1', details: { name: 'AP feed' } })
      .returning(['id', 'at', 'details'])
      .executeTakeFirstOrThrow();
    id = entry.id;
    expect(typeof entry.id).toBe('string');
    expect(entry.at).toBeInstanceOf(Date);
    expect(entry.details).toEqual({ name: 'AP feed' });
  });
  afterAll(() => fresh?.close());

  const unchanged = async () =>
    expect(await fresh.db.selectFrom('audit_log').select(['id', 'actor']).execute()).toEqual([{ id, actor: 'user:ana' }]);

  it('rejects UPDATE', async () => {
    await expect(sql`update audit_log set actor = 'mallory' where id = ${id}`.execute(fresh.db)).rejects.toThrow(
      /audit_log is append-only: UPDATE is not allowed/,
    );
    await unchanged();
  });

  it('rejects DELETE', async () => {
    await expect(sql`delete from audit_log where id = ${id}`.execute(fresh.db)).rejects.toThrow(
      /audit_log is append-only: DELETE is not allowed/,
    );
    await unchanged();
  });

  it('rejects TRUNCATE', async () => {
    await expect(sql`truncate audit_log`.execute(fresh.db)).rejects.toThrow(/audit_log is append-only: TRUNCATE is not allowed/);
    await unchanged();
  });
});
