/**
 * Limits the server enforces on API requests and the client keeps to (server/http/server.ts,
 * client/api/trpc.ts). Node refuses request heads over 16 KiB (URL included) with 431 on its own.
 */
export const API_LIMITS = {
  /** Procedures in one batched tRPC request; more is refused with 400. */
  maxBatchSize: 50,
  /** Characters of the comma-separated procedure names of one batch (50 long names). */
  maxBatchPathLength: 4_000,
  /** The client splits GET batches whose URL would pass this. */
  maxUrlLength: 8_000,
  /** JSON request bodies (tRPC mutations, the import commit); more is refused with 413. */
  maxJsonBodyBytes: 1_048_576,
} as const;
