// React Query defaults for the dashboard.
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Figures older than a few seconds are still worth showing while a refetch runs.
        staleTime: 5_000,
        // One quick retry: a dead server should show its error soon, not after a minute.
        retry: 1,
      },
    },
  });
}
