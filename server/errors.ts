/**
 * Domain errors with a stable `code`. The API maps them to tRPC error codes
 * (server/api/trpc.ts) and the CLI to an exit status and one line of text (server/cli/run.ts).
 */
export class GroundswellError extends Error {
  readonly code: "INPUT" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INTERNAL" = "INTERNAL";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller sent something we cannot use (bad file, bad argument, illegal stage move). */
export class InputError extends GroundswellError {
  override readonly code = "INPUT";
}

export class NotFoundError extends GroundswellError {
  override readonly code = "NOT_FOUND";
}

export class ForbiddenError extends GroundswellError {
  override readonly code = "FORBIDDEN";
}

/** Someone else changed the record first (optimistic concurrency); `current` says how it is now. */
export class ConflictError extends GroundswellError {
  override readonly code = "CONFLICT";
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
  }
}
