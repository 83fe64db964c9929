// The quarantine page's own URL parameters — channel, source, status, error path, page, page
// size, sort and the open record — read without trusting them, and turned into API input.
import { defaultPageSize, parsePage, parsePageSize } from '../components/data-table/table-pagination.ts';
import { parseSortParam, type SortState } from '../components/data-table/table-sort.ts';
import type { FilterValues } from '../url-state/url-filters.ts';
import type { TimeWindow } from '../url-state/period.ts';

export const quarantineParamKeys = ['channel', 'source', 'status', 'errorPath', 'page', 'size', 'sort', 'open'] as const;
export type QuarantineParam = (typeof quarantineParamKeys)[number];

/** The parameters that narrow the list (as opposed to paging, sorting or the open record). */
export const quarantineFilterKeys = ['channel', 'source', 'status', 'errorPath'] as const;

export const channels = ['events', 'traces', 'bank-files'] as const;
export const statuses = ['quarantined', 'replay_failed', 'replayed'] as const;
export type Channel = (typeof channels)[number];
export type Status = (typeof statuses)[number];

export interface QuarantineView {
  channel?: Channel;
  source?: string;
  status?: Status;
  errorPath?: string;
  page: number;
  pageSize: number;
  sort: SortState | null;
  openId?: string;
}

const oneOf = <T extends string>(options: readonly T[], value: string | undefined): T | undefined =>
  options.includes(value as T) ? (value as T) : undefined;

/** Long text in a URL is cut to what the API accepts rather than failing the query. */
const text = (value: string | undefined) => (value === undefined ? undefined : value.slice(0, 256));

export function parseQuarantineView(values: FilterValues<QuarantineParam>, sortableColumns: readonly string[]): QuarantineView {
  return {
    channel: oneOf(channels, values.channel),
    source: text(values.source),
    status: oneOf(statuses, values.status),
    errorPath: text(values.errorPath),
    page: parsePage(values.page),
    pageSize: parsePageSize(values.size, defaultPageSize),
    sort: parseSortParam(values.sort, sortableColumns),
    openId: values.open,
  };
}

export function hasListFilters(view: QuarantineView): boolean {
  return view.channel !== undefined || view.source !== undefined || view.status !== undefined || view.errorPath !== undefined;
}

/** Input for quarantine.summary: the list's filters and the global time window. */
export function toSummaryInput(view: QuarantineView, window: TimeWindow) {
  return {
    ...(view.channel && { channel: view.channel }),
    ...(view.source && { source: view.source }),
    ...(view.status && { status: view.status }),
    ...(view.errorPath && { errorPath: view.errorPath }),
    ...(window.from && { from: window.from }),
    ...(window.to && { to: window.to }),
  };
}

/** Input for quarantine.list: the filters plus the page. */
export function toListInput(view: QuarantineView, window: TimeWindow) {
  return { ...toSummaryInput(view, window), limit: view.pageSize, offset: (view.page - 1) * view.pageSize };
}
