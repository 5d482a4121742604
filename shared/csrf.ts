/**
 * The header every request that changes data must carry (POST to /trpc and /api/*). A page on
 * another site cannot add a custom header to a cross-site request without a CORS preflight, which
 * the server never grants, so the header proves the request came from our own client (or an API
 * client that chose to send it). The server checks it in server/http/security.ts.
 */
export const CSRF_HEADER = "x-groundswell-csrf";

export const CSRF_HEADERS: Readonly<Record<string, string>> = { [CSRF_HEADER]: "1" };
