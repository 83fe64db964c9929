// The endpoint's single user: every query must present its name and password (Basic auth,
// X-ClickHouse-User/Key or URL parameters). A request without credentials is user `default`
// with an empty password, as on a server. Wrong credentials get AUTHENTICATION_FAILED (516).
import { createHash, timingSafeEqual } from 'node:crypto';
import { clickHouseException, ErrorCode, type EngineFailure } from './exception-format.ts';
import type { Credentials } from './request-parsing.ts';

export interface EndpointUser {
  username: string;
  password: string;
}

/** Undefined when `offered` matches `user`, else the exception to answer with. */
export function authenticate(user: EndpointUser, offered: Credentials | undefined, bearerToken: boolean): EngineFailure | undefined {
  const given = offered ?? { user: 'default', password: '' };
  if (!bearerToken && sameSecret(given.user, user.username) && sameSecret(given.password, user.password)) return undefined;
  return clickHouseException(
    ErrorCode.AUTHENTICATION_FAILED,
    `${bearerToken ? 'JWT' : given.user}: Authentication failed: password is incorrect, or there is no user with such name`,
  );
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
