// The dashboard: providers around the router.
import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AppProviders } from './app-providers.tsx';
import { createAppRouter } from './routes.tsx';

export function App() {
  const [router] = useState(createAppRouter);
  return (
    <AppProviders>
      <RouterProvider router={router} future={{ v7_startTransition: true }} />
    </AppProviders>
  );
}
