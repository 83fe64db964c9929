// Bearer API-key authentication for ingest endpoints.
import type { ApiKeyPrincipal, ApiKeyStore } from '../auth/api-key-store.ts';
import { HttpProblem } from './http-problem.ts';

export async function authenticate(request: Request, keys: ApiKeyStore): Promise<ApiKeyPrincipal> {
  const header = request.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const challenge = { 'WWW-Authenticate': 'Bearer realm="closewatch-ingest"' };
  if (!m) throw new HttpProblem(401, 'missing API key: send Authorization: Bearer <api key>', challenge);
  const principal = await keys.verify(m[1]!);
  if (!principal) throw new HttpProblem(401, 'the API key is unknown, malformed or revoked', challenge);
  return principal;
}
