// Looks up and verifies API keys in PostgreSQL, with a short cache so the hot ingest path
// does not query the database per request.
//
// Revocation guarantee: a revoked (or deleted) key stops working within the cache TTL
// (30 s by default) of the revocation being committed. A cached entry is served only while
// it is younger than the TTL, its age counted from the moment its query was sent, so a
// lookup never relies on a row read more than one TTL ago.
//
// Refresh ahead: once an entry is past half the TTL, the next request starts one shared
// background refresh and is still answered from the entry, so steady traffic never waits on
// PostgreSQL. Only when no request came for a whole TTL does a request wait; requests
// arriving meanwhile for the same key wait on that same single query.
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

interface CacheSlot {
  /** The key, or null when no usable (unrevoked) key has this prefix. */
  entry: CachedKey | null;
  /** When the query that read `entry` was sent (Date.now()). */
  readAt: number;
}

export class ApiKeyStore {
  private readonly cache = new Map<string, CacheSlot>();
  /** The one lookup in flight per prefix, shared by everyone who needs it. */
  private readonly inFlight = new Map<string, Promise<CachedKey | null>>();

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

  private load(prefix: string): CachedKey | null | Promise<CachedKey | null> {
    const slot = this.cache.get(prefix);
    const age = slot ? Date.now() - slot.readAt : Infinity;
    if (age < this.ttlMs) {
      if (age >= this.ttlMs / 2) void this.refresh(prefix).catch(() => undefined); // answered from the entry; a failed refresh is retried by the next request
      return slot!.entry;
    }
    return this.refresh(prefix);
  }

  private refresh(prefix: string): Promise<CachedKey | null> {
    const running = this.inFlight.get(prefix);
    if (running) return running;
    const lookup = this.query(prefix).finally(() => this.inFlight.delete(prefix));
    this.inFlight.set(prefix, lookup);
    return lookup;
  }

  private async query(prefix: string): Promise<CachedKey | null> {
    const readAt = Date.now();
    const row = await this.db
      .selectFrom('api_keys')
      .select(['key_prefix', 'key_hash', 'name', 'source_patterns'])
      .where('key_prefix', '=', prefix)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const entry = row ? { hash: row.key_hash, principal: { prefix, name: row.name, sourcePatterns: row.source_patterns } } : null;
    this.cache.set(prefix, { entry, readAt });
    return entry;
  }
}

/** Creates a key and returns the secret once; only its hash is stored. */
export async function createApiKey(db: Kysely<Database>, name: string, sourcePatterns: string[]): Promise<{ key: string; prefix: string }> {
  const { key, prefix, hash } = generateApiKey();
  await db.insertInto('api_keys').values({ name, key_prefix: prefix, key_hash: hash, source_patterns: sourcePatterns }).execute();
  return { key, prefix };
}
