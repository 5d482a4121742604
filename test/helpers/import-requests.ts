import type { FastifyInstance } from "fastify";
import { CSRF_HEADERS } from "../../shared/csrf";

/** The Import screen's two requests against a test server, signed in with `session`: upload a file for its preview, and commit choices. */
export function importRequests(app: () => FastifyInstance, session: () => Record<string, string>) {
  return {
    preview: (payload: string, fileName: string) =>
      app().inject({
        method: "POST",
        url: `/api/imports/preview?fileName=${encodeURIComponent(fileName)}`,
        headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...session() },
        payload,
      }),
    commit: (body: Record<string, unknown>) => app().inject({ method: "POST", url: "/api/imports/commit", headers: { ...CSRF_HEADERS, ...session() }, payload: body }),
  };
}
