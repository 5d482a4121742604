import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "../../server/api/router";

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

export function createApiClient() {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/trpc" })] });
}
