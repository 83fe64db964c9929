// Last-resort screen when a page fails to load or throws while rendering (e.g. a new deploy
// removed the chunk this tab was about to fetch): say so and offer a reload.
import { useRouteError } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice.tsx';

export function RouteError() {
  const error = useRouteError();
  return (
    <div className="mx-auto max-w-xl px-4 py-16">
      <ErrorNotice title="This page could not be shown" error={error} actionLabel="Reload page" onAction={() => window.location.reload()} />
    </div>
  );
}
