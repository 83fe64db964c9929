// Reads what a ClickHouse HTTP request asks for from its URL and headers: credentials, SQL in
// the URL, query id, database, default format, session, settings and query parameters.
// Parameters that only steer the HTTP layer (compression, progress headers, buffering) are
// recognised here and never reach the engine, which would refuse them as unknown settings.
import { randomUUID } from 'node:crypto';

export interface Credentials {
  user: string;
  password: string;
}

export interface EndpointRequest {
  /** SQL from the `query` URL parameter; the body, if any, follows it. */
  urlQuery: string | undefined;
  queryId: string;
  database: string | undefined;
  defaultFormat: string | undefined;
  sessionId: string | undefined;
  sessionTimeoutSeconds: number | undefined;
  /** `session_check=1`: the session must already exist. */
  sessionCheck: boolean;
  /** Engine settings, as the strings the URL carried. */
  settings: Record<string, string>;
  /** `param_<name>` values, still in the escaped text form the client sent. */
  params: Record<string, string>;
  /** Undefined when the request carries none (the server then assumes user `default`, no password). */
  credentials: Credentials | undefined;
  /** A JWT (Bearer) was offered: not supported by the embedded endpoint. */
  bearerToken: boolean;
  responseCompression: 'gzip' | 'deflate' | undefined;
  /** `compress=1` / `decompress=1`: ClickHouse's own block compression, not supported here. */
  nativeCompression: boolean;
}

/** URL parameters the HTTP handler consumes itself; they are not settings. */
const handlerParams = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'session_id',
  'session_timeout',
  'session_check',
  'close_session',
  'user',
  'password',
  'quota_key',
  'compress',
  'decompress',
  'buffer_size',
  'wait_end_of_query',
  'stacktrace',
  'role',
  'client_protocol_version',
]);

/** Settings that only shape the HTTP response of a server; the embedded engine must not see them. */
const httpOnlySettings = new Set([
  'enable_http_compression',
  'http_zlib_compression_level',
  'http_native_compression_disable_checksumming_on_decompress',
  'http_response_compression_method',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_send_progress_interval_ms',
  'http_response_buffer_size',
  'http_wait_end_of_query',
  'http_write_exception_in_output_format',
  'add_http_cors_header',
  'cancel_http_readonly_queries_on_client_close',
  'http_response_headers',
]);

export function parseEndpointRequest(url: URL, headers: Headers): EndpointRequest {
  const search = url.searchParams;
  const settings: Record<string, string> = {};
  const params: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name.startsWith('param_')) params[name.slice('param_'.length)] = value;
    else if (!handlerParams.has(name) && !httpOnlySettings.has(name)) settings[name] = value;
  }
  const timeout = search.get('session_timeout');
  return {
    urlQuery: search.get('query') ?? undefined,
    queryId: search.get('query_id') || randomUUID(),
    database: search.get('database') || headers.get('x-clickhouse-database') || undefined,
    defaultFormat: search.get('default_format') || headers.get('x-clickhouse-format') || undefined,
    sessionId: search.get('session_id') || undefined,
    sessionTimeoutSeconds: timeout === null || timeout === '' ? undefined : Number(timeout),
    sessionCheck: search.get('session_check') === '1',
    settings,
    params,
    credentials: readCredentials(search, headers),
    bearerToken: /^bearer\s/i.test(headers.get('authorization') ?? ''),
    responseCompression: negotiateCompression(search.get('enable_http_compression'), headers.get('accept-encoding')),
    nativeCompression: search.get('compress') === '1' || search.get('decompress') === '1',
  };
}

/** Same precedence as the server: X-ClickHouse-User/Key, then Basic auth, then URL parameters. */
function readCredentials(search: URLSearchParams, headers: Headers): Credentials | undefined {
  const headerUser = headers.get('x-clickhouse-user');
  if (headerUser !== null) return { user: headerUser, password: headers.get('x-clickhouse-key') ?? '' };
  const authorization = headers.get('authorization');
  if (authorization && /^basic\s/i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  const user = search.get('user');
  const password = search.get('password');
  if (user !== null || password !== null) return { user: user ?? 'default', password: password ?? '' };
  return undefined;
}

/**
 * Compresses the response when the request allows it (`enable_http_compression`, on by default
 * since ClickHouse 25.10) and the client accepts gzip or deflate. Brotli and zstd are answered
 * uncompressed, which every client accepts.
 */
function negotiateCompression(setting: string | null, acceptEncoding: string | null): 'gzip' | 'deflate' | undefined {
  if (setting === '0' || setting === 'false' || !acceptEncoding) return undefined;
  const accepted = acceptEncoding
    .toLowerCase()
    .split(',')
    .map((part) => part.trim().split(';')[0]);
  if (accepted.includes('gzip')) return 'gzip';
  if (accepted.includes('deflate')) return 'deflate';
  return undefined;
}
