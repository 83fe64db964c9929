// Page frame: header on top, the current route's page below.
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { PageLoading } from '../components/page-loading.tsx';
import { AppHeader } from './app-header.tsx';

export function AppLayout() {
  return (
    <div className="min-h-screen">
      <AppHeader />
      <main className="mx-auto max-w-7xl 2xl:max-w-screen-2xl px-4 py-6 sm:px-6">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
