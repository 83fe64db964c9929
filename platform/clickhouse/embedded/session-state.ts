// Request settings, query parameters and database on a reused engine connection. A server
// applies URL settings to one query; an engine connection keeps whatever was SET on it. So each
// connection remembers what it holds beyond the baseline, and before a request we SET only what
// differs: this request's values, and the baseline (or engine default) back for anything an
// earlier request changed. A client that sends the same settings every time costs nothing.
import { clickHouseException, EndpointException, ErrorCode } from './exception-format.ts';

/** What a connection holds beyond its baseline. */
export interface ConnectionState {
  /** Current database; undefined when unknown (a statement may have changed it). */
  database: string | undefined;
  settings: Map<string, string>;
  params: Map<string, string>;
}

export interface WantedState {
  /** Undefined: leave the current database as it is (pinned sessions without a database parameter). */
  database: string | undefined;
  settings: Readonly<Record<string, string>>;
  params: Readonly<Record<string, string>>;
}

export function freshConnectionState(): ConnectionState {
  return { database: 'default', settings: new Map(), params: new Map() };
}

const name = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The SQL (zero or more `;`-separated statements) that moves `current` to `wanted`, and the
 * state after it runs. Settings equal to the baseline are not overrides. Parameters cannot be
 * unset on a connection, so stale ones stay; the caller must not run SQL that refers to a stale
 * parameter on such a connection (see placeholderNames).
 */
export function statePrelude(
  current: ConnectionState,
  wanted: WantedState,
  baseline: Readonly<Record<string, string>>,
): { sql: string; next: ConnectionState } {
  const statements: string[] = [];
  const next: ConnectionState = { database: current.database, settings: new Map(), params: new Map(current.params) };
  if (wanted.database !== undefined && wanted.database !== current.database) {
    statements.push(`USE ${quoteIdentifier(wanted.database)}`);
    next.database = wanted.database;
  }
  const assignments: string[] = [];
  for (const [key, value] of Object.entries(wanted.settings)) {
    if (!name.test(key)) throw new EndpointException(clickHouseException(ErrorCode.UNKNOWN_SETTING, `Unknown setting '${key}'`));
    if (baseline[key] === value) continue;
    next.settings.set(key, value);
    if (current.settings.get(key) !== value) assignments.push(`${key} = ${quoteString(value)}`);
  }
  for (const key of current.settings.keys()) {
    if (next.settings.has(key)) continue;
    const base = baseline[key];
    assignments.push(`${key} = ${base === undefined ? 'DEFAULT' : quoteString(base)}`);
  }
  for (const [key, value] of Object.entries(wanted.params)) {
    if (!name.test(key)) {
      throw new EndpointException(clickHouseException(ErrorCode.BAD_ARGUMENTS, `Invalid query parameter name '${key}'`));
    }
    if (current.params.get(key) !== value) assignments.push(`param_${key} = ${quoteString(value)}`);
    next.params.set(key, value);
  }
  if (assignments.length > 0) statements.push(`SET ${assignments.join(', ')}`);
  return { sql: statements.join('; '), next };
}

/** Parameters this connection holds that `sql` may use but the request did not send. */
export function staleParamsUsed(state: ConnectionState, placeholders: Set<string>, sent: Readonly<Record<string, string>>): boolean {
  for (const placeholder of placeholders) if (state.params.has(placeholder) && !(placeholder in sent)) return true;
  return false;
}

/** Bytes of parameter values a connection holds (they stay until overwritten). */
export function heldParamBytes(state: ConnectionState): number {
  let bytes = 0;
  for (const value of state.params.values()) bytes += value.length;
  return bytes;
}

/**
 * A SQL string literal whose value is exactly `value`. Parameter values arrive already escaped
 * for ClickHouse's text format; the engine unescapes them once more when it reads the
 * parameter, exactly as the server does with `param_<name>` from a URL.
 */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function quoteIdentifier(value: string): string {
  return `\`${value.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
