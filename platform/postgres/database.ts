// Opens Closewatch's PostgreSQL through Kysely and a `pg` pool, the same way for a real server
// (DATABASE_URL) and for embedded PGlite served over the wire (see embedded/start.ts).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';

/** Type OIDs; pg-types' TypeId enum lacks the array types. */
const OID: Record<'int8' | 'int8Array' | 'textArray' | 'numeric' | 'numericArray' | 'date', number> = {
  int8: 20,
  int8Array: 1016,
  textArray: 1009,
  numeric: 1700,
  numericArray: 1231,
  date: 1082,
};

/**
 * Exact values stay strings: NUMERIC is money (never a JS float) and int8 ids and counts can
 * exceed 2^53. pg already returns scalar NUMERIC and int8 as strings, but NUMERIC[] as floats;
 * the overrides are per pool so other code using `pg` is unaffected.
 */
const asText = (value: string) => value;
const textArray = pg.types.getTypeParser(OID.textArray, 'text');
const exactParsers = new Map<number, (value: string) => unknown>([
  [OID.numeric, asText],
  [OID.int8, asText],
  [OID.numericArray, textArray],
  [OID.int8Array, textArray],
  // A calendar date is not an instant: keep 'YYYY-MM-DD' rather than a local-midnight Date.
  [OID.date, asText],
]);
const exactTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    ((format ?? 'text') === 'text' && exactParsers.get(oid)) || pg.types.getTypeParser(oid, format),
};

/** Connections per process for a real server; embedded PGlite gets one (it has one backend). */
const SERVER_POOL_SIZE = 10;
/**
 * A query waiting this long for a pooled connection fails instead of hanging. With embedded's
 * single connection, querying through `db` inside a transaction waits on itself: this turns
 * that deadlock into an error that points at it.
 */
const CONNECTION_WAIT_MS = 60_000;

/** A Kysely instance over a `pg` pool sized for the store; call `destroy()` to close the pool. */
export function createDatabase(opts: {
  url: string;
  embedded: boolean;
  applicationName?: string;
  /** Called when an idle pooled connection fails (e.g. the server restarted); default: log to stderr. */
  onIdleConnectionError?: (error: Error) => void;
}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.embedded ? 1 : SERVER_POOL_SIZE,
    connectionTimeoutMillis: CONNECTION_WAIT_MS,
    application_name: opts.applicationName,
    types: exactTypes,
  });
  // Without a listener, an idle connection's error would crash the process.
  pool.on('error', opts.onIdleConnectionError ?? ((error) => process.stderr.write(`PostgreSQL idle connection error: ${error.message}\n`)));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
