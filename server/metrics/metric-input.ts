// The filters every metric takes, validated once: entity, currency, counterparty, source
// system, as-of time, and paging of the documents behind the number.
import { z } from 'zod';
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
