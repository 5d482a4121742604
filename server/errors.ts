import { phraseImportProblem } from "../shared/model/import-request";

/**
 * Domain errors with a stable `code`. The API maps them to tRPC error codes
 * (server/api/trpc.ts) and the CLI to an exit status and one line of text (server/cli/run.ts).
 */
export class GroundswellError extends Error {
  readonly code: "INPUT" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "THROTTLED" | "UNAVAILABLE" | "INTERNAL" = "INTERNAL";
  constructor(message: string, options?: ErrorOptions) {
    super(oneLine(message), options);
    this.name = new.target.name;
  }
}

/**
 * Messages are one line on every door (the CLI's contract, the web's notices): a control character
 * that came in with the input, such as a newline in a zipped file's name, is shown escaped.
 */
export function oneLine(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f]/g, (character) =>
    character === "\n" ? "\\n" : character === "\t" ? "\\t" : `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
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
    super(phraseImportProblem({ field, template }, (name) => name));
  }

  /** The message with the field (and any other field it mentions, as `{field:state}`) named as `nameOf` says. */
  phrase(nameOf: (field: string) => string): string {
    return phraseImportProblem(this, nameOf);
  }
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

/** What a user reads for a 500: the details go to the server log, never to the browser. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on the server; the details are in the server log.";

/** How long a client should wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot be reached right now (refused, cut, or not answering in time). Said to
 * users in one line that never carries driver text; the server keeps running and recovers by itself.
 */
export class UnavailableError extends GroundswellError {
  override readonly code = "UNAVAILABLE";
  constructor(message = "The database is not reachable right now; try again in a few seconds.", options?: ErrorOptions) {
    super(message, options);
  }
}

/** PostgreSQL error classes for a lost or refused connection (08), shutdown and recovery (57P). */
const UNAVAILABLE_SQLSTATES = /^(08|57P0[1-4]|53300)/;
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)|terminating connection/i;

/**
 * True when `error` (from the pg driver, Node's net layer or our own pool gate) means the
 * database is away rather than that the query was wrong: the request deserves a 503, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (cause instanceof UnavailableError) return true;
    if (typeof cause !== "object") return false;
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

/** The HTTP status of each domain error, for the routes outside tRPC (imports, exports, feeds). */
export const HTTP_STATUS: Record<GroundswellError["code"], number> = {
  INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  THROTTLED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
