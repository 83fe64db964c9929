// The four states of a data view: loading (only before the first answer), error (never shown
// as empty), empty, or the data. A failed refresh keeps the last data on screen, flagged.
import type { ReactNode } from 'react';
import { ErrorNotice } from './error-notice.tsx';

/** The part of a React Query result this needs. */
export interface QueryView<T> {
  data: T | undefined;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

interface DataStateProps<T> {
  query: QueryView<T>;
  /** What is loaded, for the loading and error text, e.g. "event counts". */
  subject: string;
  isEmpty: (data: T) => boolean;
  /** Helpful text for when there is nothing yet: what to do to get data. */
  empty: ReactNode;
  children: (data: T) => ReactNode;
}

export function DataState<T>({ query, subject, isEmpty, empty, children }: DataStateProps<T>) {
  const failed = query.error !== null && query.error !== undefined;
  const retry = () => void query.refetch();

  if (query.data === undefined) {
    if (failed) {
      return (
        <div className="mt-4">
          <ErrorNotice title={`Could not load ${subject}`} error={query.error} actionLabel="Retry" onAction={retry} busy={query.isFetching} />
        </div>
      );
    }
    return (
      <div role="status" data-testid="data-loading" className="animate-pulse py-6 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Loading {subject}…
      </div>
    );
  }

  return (
    <>
      {failed && (
        <div className="my-4">
          <ErrorNotice title={`Could not refresh ${subject}; showing the last figures received`} error={query.error} actionLabel="Retry" onAction={retry} busy={query.isFetching} />
        </div>
      )}
      {isEmpty(query.data) ? <div data-testid="data-empty">{empty}</div> : children(query.data)}
    </>
  );
}
