// Timestamps in the form ClickHouse parses under date_time_input_format=basic, in UTC.

/** 'YYYY-MM-DD hh:mm:ss.sss' for DateTime64(3, 'UTC') columns. */
export function toClickHouseDateTime64(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
