// Several queries seen as one for DataState: data once every query has answered, the first
// error, fetching while any is, and a retry of them all.
import type { QueryView } from './data-state.tsx';

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
  dataUpdatedAt: number;
}

export function combineQueries<T>(queries: readonly QueryLike<T>[]): QueryView<T[]> & { dataUpdatedAt: number } {
  const complete = queries.every((q) => q.data !== undefined);
  return {
    data: complete ? queries.map((q) => q.data as T) : undefined,
    error: queries.find((q) => q.error !== null && q.error !== undefined)?.error ?? null,
    isFetching: queries.some((q) => q.isFetching),
    refetch: () => queries.forEach((q) => void q.refetch()),
    dataUpdatedAt: Math.min(...queries.map((q) => q.dataUpdatedAt)),
  };
}
