/**
 * Domain errors with a stable `code`. The API maps them to tRPC error codes
 * (server/api/trpc.ts) and the CLI to an exit status and one line of text (server/cli/run.ts).
 */
export class GroundswellError extends Error {
  readonly code: "INPUT" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "THROTTLED" | "INTERNAL" = "INTERNAL";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller sent something we cannot use (bad file, bad argument, illegal stage move). */
export class InputError extends GroundswellError {
  override readonly code = "INPUT";
}

/**
 * Bad input in one named field of a request. `template` holds `{field}` where the field's name
 * goes, so each door names it in its own words: the CLI by its flag (`--kind`), the web by its
 * form label ("Kind of body"). The plain message names the field by its request key.
 */
export class FieldError extends InputError {
  constructor(
    readonly field: string,
    readonly template: string,
  ) {
    super(phraseTemplate(template, field, (name) => name));
  }

  /** The message with the field (and any other field it mentions, as `{field:state}`) named as `nameOf` says. */
  phrase(nameOf: (field: string) => string): string {
    return phraseTemplate(this.template, this.field, nameOf);
  }
}

function phraseTemplate(template: string, field: string, nameOf: (field: string) => string): string {
  return template.replace(/\{field(?::(\w+))?\}/g, (_match, other: string | undefined) => nameOf(other ?? field));
}

/** Not signed in, or the email and password do not match. */
export class UnauthorizedError extends GroundswellError {
  override readonly code = "UNAUTHORIZED";
}

/** Too many attempts (sign-in throttling): try again after `retryAfterSeconds`. */
export class ThrottledError extends GroundswellError {
  override readonly code = "THROTTLED";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
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

/** The HTTP status of each domain error, for the routes outside tRPC (imports, exports, feeds). */
export const HTTP_STATUS: Record<GroundswellError["code"], number> = {
  INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  THROTTLED: 429,
  INTERNAL: 500,
};
