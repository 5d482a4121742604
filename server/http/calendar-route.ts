import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { canReadPrivate } from "../../shared/model/account";
import { parseRowIdText } from "../../shared/ids/row-id";
import { lobbyDayEvents } from "../../shared/rules/lobby-day";
import type { Actor } from "../domain/actor";
import { getLobbyDay } from "../domain/lobby-days";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { listScheduledEvents } from "../domain/calendar";
import { GroundswellError, HTTP_STATUS } from "../errors";
import { writeCalendar, type CalendarFeed } from "../io/icalendar";

/**
 * `GET /calendar.ics?campaign=<id|slug>[&hub=<id|slug>]`: the public RFC 5545 feed of scheduled
 * votes and hearings (no sign-in; public fields only). Times are floating local times (the
 * body's own wall clock), dates without a time are all-day events. Revalidated by a strong ETag.
 *
 * `GET /lobby-days/<id>/calendar.ics[?hub=<id>]`: a lobby day and its timed visits (one hub's
 * when `hub` is given), for signed-in members only, as the schedule names who goes where.
 */
export function registerCalendarRoute(app: FastifyInstance, { db, actorOf }: { db: Kysely<Database>; actorOf: (request: FastifyRequest) => Promise<Actor> }): void {
  app.get("/calendar.ics", async (request, reply) => {
    const query = request.query as { campaign?: string; hub?: string };
    const selection = await refusalsAsText(reply, () => listScheduledEvents(db, { campaign: query.campaign || undefined, hub: query.hub }));
    if (!selection) return reply;
    const origin = `${request.protocol}://${request.host}`;
    return sendCalendar(
      request,
      reply,
      {
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
      },
      "public, max-age=300",
    );
  });

  app.get("/lobby-days/:id/calendar.ics", async (request, reply) => {
    const actor = await actorOf(request);
    if (!canReadPrivate(actor.role)) return reply.code(401).type("text/plain; charset=utf-8").send("Sign in to download a lobby day's schedule.\n");
    const lobbyDayId = parseRowIdText((request.params as { id: string }).id);
    const hubText = (request.query as { hub?: string }).hub;
    const hubId = hubText === undefined ? undefined : (parseRowIdText(hubText) ?? -1);
    if (lobbyDayId === null || hubId === -1) return reply.code(404).type("text/plain; charset=utf-8").send("No such lobby day or hub.\n");
    const detail = await refusalsAsText(reply, () => getLobbyDay(db, { lobbyDayId }));
    if (!detail) return reply;
    const origin = `${request.protocol}://${request.host}`;
    const url = `${origin}/lobby-days/${lobbyDayId}?campaign=${detail.lobbyDay.campaignId}${hubId ? `&hub=${hubId}` : ""}`;
    return sendCalendar(
      request,
      reply,
      {
        name: detail.lobbyDay.name,
        events: lobbyDayEvents(detail, { hubId, host: request.host.replace(/:\d+$/, "") }).map((event) => ({
          ...event,
          url,
          sequence: 0,
          modifiedAt: detail.lobbyDay.updatedAt,
          cancelled: false,
        })),
      },
      "private, no-cache",
    );
  });
}

/** Run a lookup; a domain refusal (404, 400) is answered as one line of text and gives undefined. */
async function refusalsAsText<T>(reply: FastifyReply, lookup: () => Promise<T>): Promise<T | undefined> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof GroundswellError && error.code !== "INTERNAL") {
      reply.code(HTTP_STATUS[error.code]).type("text/plain; charset=utf-8").send(`${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** The feed as text/calendar, revalidated by a strong ETag of its bytes. */
function sendCalendar(request: FastifyRequest, reply: FastifyReply, feed: CalendarFeed, cacheControl: string) {
  const text = writeCalendar(feed);
  const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  reply.header("ETag", etag).header("Cache-Control", cacheControl);
  if (cacheControl.startsWith("public")) reply.header("Access-Control-Allow-Origin", "*");
  const ifNoneMatch = String(request.headers["if-none-match"] ?? "");
  if (ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();
  return reply.type("text/calendar; charset=utf-8").header("Content-Disposition", 'inline; filename="calendar.ics"').send(text);
}
