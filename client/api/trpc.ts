import { QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "../../server/api/router";
import { API_LIMITS } from "../../shared/api-limits";
import { CSRF_HEADERS } from "../../shared/csrf";
import { httpStatusOf } from "./errors";

/**
 * tRPC over TanStack Query: server data lives in the query cache, never copied into zustand.
 * @see https://trpc.io/docs/client/tanstack-react-query/setup
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    // A refusal (401 sign in, 403 not allowed, 404…) answers the same the second time: never retried.
    // The server unreachable or its database away (503, no answer) is retried with backoff
    // (1, 2, 4, 8, 16 s) while the page keeps showing what it had; other failures once.
    defaultOptions: { queries: { staleTime: 30_000, retry: (failures, error) => failures < (isUnreachable(error) ? 5 : 1) && !isClientError(error), refetchOnWindowFocus: true } },
    queryCache: new QueryCache({
      // A 401 while the app thinks someone is signed in means the session ended (expired, signed out
      // elsewhere, account disabled): ask the server again who this is, so the page says so.
      onError: (error) => {
        if (httpStatusOf(error) === 401) void queryClient.invalidateQueries({ queryKey: [["auth", "me"]] });
      },
    }),
  });
  return queryClient;
}

/** No answer (network, server restarting) or 503 (its database away): worth waiting for. */
const isUnreachable = (error: unknown) => {
  const status = httpStatusOf(error);
  return status === undefined || status === 502 || status === 503 || status === 504;
};

const isClientError = (error: unknown) => {
  const status = httpStatusOf(error);
  return status !== undefined && status >= 400 && status < 500;
};

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
