// The ClickHouse client every part of Closewatch uses, embedded engine or real server alike.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';

export interface ClickHouseConnection {
  url: string;
  username: string;
  password: string;
  database: string;
}

/**
 * Settings the product relies on, pinned per request so an embedded engine and a
 * production server (of any default generation) behave the same.
 */
export const pinnedSettings = {
  // Money and 64-bit counters reach JavaScript as strings, never as floats.
  output_format_json_quote_64bit_integers: 1,
  output_format_json_quote_decimals: 1,
  // An acknowledged insert is written, not sitting in an async buffer.
  async_insert: 0,
  // Timestamps arrive as 'YYYY-MM-DD hh:mm:ss.sss' UTC; anything else is an error, not a guess.
  date_time_input_format: 'basic',
} as const;

/** Creates a client for the given connection with the product's pinned settings. */
export function createClickHouse(conn: ClickHouseConnection, opts: { requestTimeoutMs?: number } = {}): ClickHouseClient {
  return createClient({
    url: conn.url,
    username: conn.username,
    password: conn.password,
    database: conn.database,
    request_timeout: opts.requestTimeoutMs ?? 60_000,
    clickhouse_settings: { ...pinnedSettings },
    application: 'closewatch',
    // Failures surface as errors to the caller, which logs them with context.
    log: { level: ClickHouseLogLevel.OFF },
  });
}
