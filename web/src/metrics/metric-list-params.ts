// The drilldown list's state as it lives in the URL — global entity and currency, a
// counterparty, limit/offset for the server's paging and the sort (sent to the server as
// orderBy/direction when it sorts the metric) — and the procedure input built from it.
import { pageSizeOptions } from '../components/data-table/table-pagination.ts';
import type { ServerSort } from './metric-server-sort.ts';
import type { GlobalFilters } from '../url-state/global-filters.ts';

export const metricListKeys = ['counterparty', 'limit', 'offset', 'sort'] as const;

export const defaultLimit = 25;

export interface MetricListParams {
  entity?: string;
  currency?: string;
  counterparty?: string;
  limit: number;
  offset: number;
  sort?: string;
}

export interface MetricListInput {
  entities?: string[];
  currencies?: string[];
  counterparty?: string;
  limit: number;
  offset: number;
  orderBy?: string;
  direction?: 'asc' | 'desc';
}

/** A limit the pager offers, else the default; an offset that is a whole number up to the API's maximum, else 0. */
export function parseMetricListParams(global: Pick<GlobalFilters, 'entity' | 'currency'>, values: { limit?: string; offset?: string; counterparty?: string; sort?: string }): MetricListParams {
  const limit = Number(values.limit);
  const offset = /^\d{1,7}$/.test(values.offset ?? '') ? Math.min(Number(values.offset), 1_000_000) : 0;
  return {
    entity: global.entity,
    currency: global.currency,
    counterparty: values.counterparty?.slice(0, 256) || undefined,
    limit: (pageSizeOptions as readonly number[]).includes(limit) ? limit : defaultLimit,
    offset,
    sort: values.sort,
  };
}

/** The procedure input; `serverSort` (see metric-server-sort.ts) adds orderBy/direction. */
export function toMetricListInput(params: MetricListParams, serverSort: ServerSort | null = null): MetricListInput {
  return {
    ...(params.entity ? { entities: [params.entity] } : {}),
    ...(params.currency ? { currencies: [params.currency] } : {}),
    ...(params.counterparty ? { counterparty: params.counterparty } : {}),
    limit: params.limit,
    offset: params.offset,
    ...(serverSort ? { orderBy: serverSort.orderBy, direction: serverSort.direction } : {}),
  };
}

/** The link to a metric's list, filtered (e.g. from an entity card). */
export function metricListHref(path: string, filters: { entity?: string; currency?: string; counterparty?: string }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}
