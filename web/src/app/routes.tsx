// URL → page. Each page is its own chunk, loaded when first visited.
import { lazy } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';

const OverviewPage = lazy(() => import('../overview/overview-page.tsx'));
const QuarantinePage = lazy(() => import('../quarantine/quarantine-page.tsx'));
const IntegrationHealthPage = lazy(() => import('../integration/integration-health-page.tsx'));
const MetricListPage = lazy(() => import('../metrics/metric-list-page.tsx'));
const EntityIndexPage = lazy(() => import('../entities/entity-index-page.tsx'));
const EntityPage = lazy(() => import('../entities/entity-page.tsx'));
const DocumentTimelinePage = lazy(() => import('../documents/document-timeline-page.tsx'));
const ForecastPage = lazy(() => import('../forecast/forecast-page.tsx'));

/** /metrics on its own opens the first metric, keeping the filters. */
function FirstMetric() {
  const { search } = useLocation();
  return <Navigate replace to={{ pathname: '/metrics/stuck-documents', search }} />;
}

export function createAppRouter() {
  return createBrowserRouter(
    [
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <OverviewPage /> },
          { path: 'entities', element: <EntityIndexPage /> },
          { path: 'entities/:entity', element: <EntityPage /> },
          { path: 'metrics', element: <FirstMetric /> },
          { path: 'metrics/:metric', element: <MetricListPage /> },
          { path: 'documents/:entity/:documentType/:documentId', element: <DocumentTimelinePage /> },
          { path: 'forecast', element: <ForecastPage /> },
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
