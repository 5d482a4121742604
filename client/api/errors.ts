import { TRPCClientError } from "@trpc/client";

/** The HTTP status of a failed tRPC call (401 sign in, 403 not allowed, 429 throttled…), if it reached the server. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { httpStatus?: number } | undefined;
  return data?.httpStatus;
}

/** The server asked for a sign-in: offer one. */
export const isUnauthorized = (error: unknown): boolean => httpStatusOf(error) === 401;
