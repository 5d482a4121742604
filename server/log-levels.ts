/**
 * Levels of the server's log, quietest last. A module of its own so the CLI's help can list them
 * without loading the config's validation (zod).
 */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
