import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { listScheduledEvents } from "../domain/calendar";
import { GroundswellError, HTTP_STATUS } from "../errors";
import { writeCalendar } from "../io/icalendar";


/**
 * `GET /calendar.ics?campaign=<id|slug>[&hub=<id|slug>]`: the public RFC 5545 feed of scheduled
 * votes and hearings (no sign-in; public fields only). Times are floating local times (the
 * body's own wall clock), dates without a time are all-day events. Revalidated by a strong ETag.
 */
export function registerCalendarRoute(app: FastifyInstance, { db }: { db: Kysely<Database> }): void {
  app.get("/calendar.ics", async (request, reply) => {
    const query = request.query as { campaign?: string; hub?: string };
    let selection;
    try {
      selection = await listScheduledEvents(db, { campaign: query.campaign || undefined, hub: query.hub });
    } catch (error) {
      if (error instanceof GroundswellError && error.code !== "INTERNAL") {
        return reply.code(HTTP_STATUS[error.code]).type("text/plain; charset=utf-8").send(`${error.message}\n`);
      }
      throw error;
    }
    const origin = `${request.protocol}://${request.host}`;
    const text = writeCalendar({
      name: `${selection.campaign.name}${selection.hub ? ` (${selection.hub.name})` : ""}: votes and hearings`,
      events: selection.events.map((event) => ({
        uid: event.uid,
        date: event.date,
        time: event.time,
        summary: event.summary,
        description: event.description,
        location: event.location,
        url: `${origin}/?campaign=${selection.campaign.id}&body=${event.bodyId}`,
        sequence: event.sequence,
        modifiedAt: event.modifiedAt,
        cancelled: event.cancelled,
      })),
    });
    const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
    reply.header("ETag", etag).header("Cache-Control", "public, max-age=300").header("Access-Control-Allow-Origin", "*");
    const ifNoneMatch = String(request.headers["if-none-match"] ?? "");
    if (ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();
    return reply.type("text/calendar; charset=utf-8").header("Content-Disposition", 'inline; filename="calendar.ics"').send(text);
  });
}
