// Typed tRPC access for the dashboard: hooks bound to the server's AppRouter, and the client
// that batches calls to /trpc (same origin; Vite proxies it in dev).
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../server/trpc/app-router.ts';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** What each procedure returns, as the browser receives it (no transformer: plain JSON). */
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** What each procedure accepts. */
export type ApiInputs = inferRouterInputs<AppRouter>;

/**
 * A client for the API; the server mounts tRPC at /trpc without a transformer. Tests pass their
 * own fetch. One procedure per request (maxItems 1): a batch answers only when its slowest
 * procedure does, and a page's quick figures should not wait for its slowest.
 */
export function createApiClient(url = '/trpc', fetchImpl?: typeof fetch) {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url, fetch: fetchImpl, maxItems: 1 })] });
}
