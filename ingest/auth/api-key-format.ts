// API keys: `cwk_<prefix>_<secret>`. The prefix finds the key; only a hash of the secret is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ParsedKey {
  prefix: string;
  secret: string;
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  return { key: `cwk_${prefix}_${secret}`, prefix, hash: hashSecret(secret) };
}

export function parseApiKey(key: string): ParsedKey | undefined {
  const m = /^cwk_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : undefined;
}

/** The secret has 192 random bits, so a plain SHA-256 is a sufficient one-way store. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
