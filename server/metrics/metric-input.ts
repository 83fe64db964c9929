// The filters every metric takes, validated once: entity, currency, counterparty, source
// system, as-of time, paging of the documents behind the number, and their sort (a fixed
// list of columns per procedure, each a SQL expression chosen in code, never from input).
import { z } from 'zod';
import { chSql, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { DocumentFilter } from '../../sql/queries/current-documents.sql.ts';

const code = z.string().min(1).max(64);

export const metricFilterInput = z.object({
  entities: z.array(code).max(100).optional(),
  currencies: z.array(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')).max(50).optional(),
  counterparty: z.string().min(1).max(256).optional(),
  sourceSystem: z.string().min(1).max(256).optional(),
  /** Evaluate as of this moment (default: now). */
  asOf: z.iso.datetime({ offset: true }).optional(),
});

export const pageInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

export type MetricFilterInput = z.infer<typeof metricFilterInput>;

export function documentFilter(input: MetricFilterInput, documentTypes?: string[]): DocumentFilter {
  return {
    entities: input.entities,
    currencies: input.currencies,
    counterparty: input.counterparty,
    sourceSystem: input.sourceSystem,
    documentTypes,
    asOf: input.asOf ? toClickHouseDateTime64(Date.parse(input.asOf)) : undefined,
  };
}

/** The moment a metric is evaluated at, as a ClickHouse timestamp. */
export function evaluationTime(input: MetricFilterInput): string {
  return toClickHouseDateTime64(input.asOf ? Date.parse(input.asOf) : Date.now());
}

export const sortDirection = z.enum(['asc', 'desc']);

/**
 * Sort input for a procedure's documents: `orderBy` one of its fixed sortable columns (any
 * other value is refused, naming the field), `direction` asc (default) or desc. Without
 * `orderBy` the procedure keeps its default order.
 */
export function sortInput<const C extends readonly [string, ...string[]]>(columns: C) {
  return z.object({
    orderBy: z.enum(columns).optional(),
    direction: sortDirection.default('asc'),
  });
}

export interface SortChoice<C extends string> {
  orderBy?: C;
  direction?: 'asc' | 'desc';
}

/**
 * A sort as SQL: `sortKey`, the chosen column's fixed expression (0 when none), to select
 * as `sort_key` under the projection (whose toString aliases would otherwise shadow the
 * columns), and `orderBy`: sort_key in the chosen direction, then the procedure's default
 * order, so ties break the same way on every page and pages never overlap.
 */
export function sortedBy<C extends string>(columns: Record<C, ChSql>, sort: SortChoice<C>, defaultOrder: ChSql): { sortKey: ChSql; orderBy: ChSql } {
  if (sort.orderBy === undefined) return { sortKey: chSql`0`, orderBy: defaultOrder };
  if (!Object.hasOwn(columns, sort.orderBy)) throw new Error(`not a sortable column: ${sort.orderBy}`);
  const direction = sort.direction === 'desc' ? chSql`DESC` : chSql`ASC`;
  return { sortKey: columns[sort.orderBy], orderBy: chSql`sort_key ${direction}, ${defaultOrder}` };
}
