import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "../../server/api/router";
import { API_LIMITS } from "../../shared/api-limits";
import { CSRF_HEADERS } from "../../shared/csrf";

/**
 * tRPC over TanStack Query: server data lives in the query cache, never copied into zustand.
 * @see https://trpc.io/docs/client/tanstack-react-query/setup
 */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: true } },
  });
}

/** Subscriptions (live changes) as server-sent events; queries and mutations batched over HTTP. */
export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === "subscription",
        true: httpSubscriptionLink({ url: "/trpc" }),
        false: httpBatchLink({ url: "/trpc", headers: () => ({ ...CSRF_HEADERS }), maxItems: API_LIMITS.maxBatchSize, maxURLLength: API_LIMITS.maxUrlLength }),
      }),
    ],
  });
}
