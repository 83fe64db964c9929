// A tagged template that turns typed values into ClickHouse `{name:Type}` placeholders and
// query_params, so no value is ever interpolated into SQL text.
import type { ClickHouseClient } from '@clickhouse/client';

/** A value with its ClickHouse type, sent as a query parameter. */
export interface ChParam {
  readonly kind: 'param';
  readonly type: string;
  readonly value: unknown;
}

/** A piece of SQL with its own parameters; fragments nest. */
export interface ChSql {
  readonly kind: 'sql';
  readonly parts: readonly string[];
  readonly values: readonly (ChParam | ChSql)[];
}

const param = (type: string) => (value: unknown): ChParam => ({ kind: 'param', type, value });

/** Typed parameter constructors: `${p.string(entity)}` renders as `{p0:String}`. */
export const p = {
  string: param('String'),
  strings: param('Array(String)'),
  uint32: param('UInt32'),
  uint32s: param('Array(UInt32)'),
  uint64: param('UInt64'),
  int64: param('Int64'),
  /** Money as an exact decimal string. */
  decimal: (value: string) => param('Decimal(38, 4)')(value),
  /** A 'YYYY-MM-DD hh:mm:ss.sss' UTC timestamp. */
  dateTime64: param("DateTime64(3, 'UTC')"),
  date: param('Date'),
};

export function chSql(parts: TemplateStringsArray, ...values: (ChParam | ChSql)[]): ChSql {
  return { kind: 'sql', parts: [...parts], values };
}

/** Joins fragments, e.g. optional WHERE conditions, with a separator. */
export function join(fragments: ChSql[], separator: string): ChSql {
  if (fragments.length === 0) return chSql``;
  const parts = ['', ...fragments.slice(1).map(() => separator), ''];
  return { kind: 'sql', parts, values: fragments };
}

/** Renders to SQL text plus query_params. */
export function render(sql: ChSql): { query: string; query_params: Record<string, unknown> } {
  const query_params: Record<string, unknown> = {};
  let n = 0;
  const walk = (s: ChSql): string =>
    s.parts.reduce((acc, part, i) => {
      const v = s.values[i - 1];
      if (v === undefined) return acc + part;
      if (v.kind === 'sql') return acc + walk(v) + part;
      const name = `p${n++}`;
      query_params[name] = v.value;
      return `${acc}{${name}:${v.type}}${part}`;
    }, '');
  return { query: walk(sql), query_params };
}

/** Runs a SELECT and returns its rows as JSON objects. */
export async function queryRows<T>(ch: ClickHouseClient, sql: ChSql): Promise<T[]> {
  const result = await ch.query({ ...render(sql), format: 'JSONEachRow' });
  return result.json<T>();
}
