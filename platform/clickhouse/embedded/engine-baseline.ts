// The settings every embedded-engine connection starts from, so the embedded engine answers the
// way a production ClickHouse server does. chDB 26.7 differs from a server in two ways: newer
// defaults (26.2 turned async_insert on, 25.8 stopped quoting 64-bit integers in JSON, 26.5
// made date_time_input_format best_effort) and chDB's own choices for local use
// (implicit_select, introspection functions, the process time zone).

/** Setting values pinned on every connection, as a server answers without per-query settings. */
export const productionBaseline: Readonly<Record<string, string>> = {
  // An acknowledged insert is in a part, not in an async buffer (server default before 26.2).
  async_insert: '0',
  // UInt64/Int64 reach JavaScript as strings, never as rounded floats (server default before 25.8).
  output_format_json_quote_64bit_integers: '1',
  // 'YYYY-MM-DD hh:mm:ss' or an error, not a guess (server default before 26.5).
  date_time_input_format: 'basic',
  // chDB runs a bare expression as SELECT; a server rejects it as a syntax error.
  implicit_select: '0',
  // chDB enables these; a server ships them off.
  allow_introspection_functions: '0',
  // A server in production runs in UTC; chDB takes the time zone of the host process.
  session_timezone: 'UTC',
};

/**
 * Memory limits, as a server has them (max_server_memory_usage_to_ram_ratio) and chDB has not:
 * without them a statement larger than the machine grows until the kernel kills the whole
 * engine (seen: a cold close-risk evaluation on 10M events reached 22 GB of 24). With them it
 * fails alone with MEMORY_LIMIT_EXCEEDED (241), large aggregations and sorts spill to disk
 * first, and every other statement goes on. `maxBytes` bounds all running statements
 * together (one engine user); one statement may take 80 % of it.
 */
export function memoryLimits(maxBytes: number): Record<string, string> {
  const perStatement = Math.floor(maxBytes * 0.8);
  return {
    max_memory_usage_for_user: String(Math.floor(maxBytes)),
    max_memory_usage: String(perStatement),
    max_bytes_before_external_group_by: String(Math.floor(perStatement / 2)),
    max_bytes_before_external_sort: String(Math.floor(perStatement / 2)),
  };
}

/** The default bound for all statements together: 60 % of the machine's memory. */
export const defaultEngineMemoryRatio = 0.6;

/** The time zone the endpoint reports in X-ClickHouse-Timezone. */
export const endpointTimezone = 'UTC';

/** The baseline as chDB connection arguments (`--name=value`). */
export function baselineConnectionArgs(baseline: Readonly<Record<string, string>> = productionBaseline): string[] {
  return Object.entries(baseline).map(([name, value]) => `--${name}=${value}`);
}
