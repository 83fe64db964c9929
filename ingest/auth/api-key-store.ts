// Looks up and verifies API keys in PostgreSQL, with a short cache so the hot ingest path
// does not query the database per request. Revocation takes effect within the cache TTL.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-format.ts';

export interface ApiKeyPrincipal {
  prefix: string;
  name: string;
  sourcePatterns: string[];
}

interface CachedKey {
  hash: string;
  principal: ApiKeyPrincipal;
}

export class ApiKeyStore {
  private readonly cache = new Map<string, CachedKey | null>();
  private readonly expiry = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 30_000,
  ) {}

  /** The key's principal, or undefined if the key is malformed, unknown or revoked. */
  async verify(key: string): Promise<ApiKeyPrincipal | undefined> {
    const parsed = parseApiKey(key);
    if (!parsed) return undefined;
    const entry = await this.load(parsed.prefix);
    if (!entry || !secretMatches(parsed.secret, entry.hash)) return undefined;
    return entry.principal;
  }

  private async load(prefix: string): Promise<CachedKey | null> {
    const cached = this.cache.get(prefix);
    if (cached !== undefined && (this.expiry.get(prefix) ?? 0) > Date.now()) return cached;
    const row = await this.db
      .selectFrom('api_keys')
      .select(['key_prefix', 'key_hash', 'name', 'source_patterns'])
      .where('key_prefix', '=', prefix)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const entry = row
      ? { hash: row.key_hash, principal: { prefix, name: row.name, sourcePatterns: row.source_patterns } }
      : null;
    this.cache.set(prefix, entry);
    this.expiry.set(prefix, Date.now() + this.ttlMs);
    return entry;
  }
}

/** Creates a key and returns the secret once; only its hash is stored. */
export async function createApiKey(db: Kysely<Database>, name: string, sourcePatterns: string[]): Promise<{ key: string; prefix: string }> {
  const { key, prefix, hash } = generateApiKey();
  await db.insertInto('api_keys').values({ name, key_prefix: prefix, key_hash: hash, source_patterns: sourcePatterns }).execute();
  return { key, prefix };
}
