// The simulator's API key: created once, kept (0600) in the data dir so restarts reuse it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { ApiKeyStore, createApiKey } from '../../ingest/auth/api-key-store.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';

export async function demoApiKey(db: Kysely<Database>, dataDir: string): Promise<string> {
  const file = join(dataDir, 'demo-api-key');
  const existing = await readFile(file, 'utf8').then((s) => s.trim(), () => undefined);
  if (existing && (await new ApiKeyStore(db).verify(existing))) return existing;
  const { key } = await createApiKey(db, 'demo simulator', ['*']);
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
