// Shown for any URL the dashboard has no page for.
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Page not found</h1>
      <p className="mt-2 text-tremor-default">
        There is no dashboard page at this address.{' '}
        <Link to="/" className="text-tremor-brand hover:underline dark:text-dark-tremor-brand">
          Go to the overview
        </Link>
      </p>
    </div>
  );
}
