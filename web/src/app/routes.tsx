// URL → page. Each page is its own chunk, loaded when first visited.
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';

const OverviewPage = lazy(() => import('../overview/overview-page.tsx'));
const QuarantinePage = lazy(() => import('../quarantine/quarantine-page.tsx'));
const IntegrationHealthPage = lazy(() => import('../integration/integration-health-page.tsx'));

export function createAppRouter() {
  return createBrowserRouter(
    [
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <OverviewPage /> },
          { path: 'quarantine', element: <QuarantinePage /> },
          { path: 'integration-health', element: <IntegrationHealthPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    {
      // Opt in to v7 behaviour now, so upgrading changes nothing and v6 logs no warnings.
      future: {
        v7_relativeSplatPath: true,
        v7_fetcherPersist: true,
        v7_normalizeFormMethod: true,
        v7_partialHydration: true,
        v7_skipActionErrorRevalidation: true,
      },
    },
  );
}
