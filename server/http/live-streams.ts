import type { Socket } from "node:net";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { campaignIdSchema } from "../../shared/model/campaign";
import { LIVE_STREAM_TIMING } from "../api/trpc";
import type { Actor } from "../domain/actor";
import { getCampaign } from "../domain/campaigns";
import type { ChangeFeed, FeedEvent } from "../domain/changes";
import type { LoggedChange } from "../domain/change-log";
import type { Db } from "../db/connect";

/**
 * Server-sent event streams (`/trpc/changes.onChange`) never finish on their own, so closing the
 * server would wait for them forever. Before closing, cut their connections: the browsers'
 * EventSource reconnects (to this server once restarted, or to another instance) and resumes from
 * its lastEventId. Ordinary requests still finish gracefully.
 */
export function cutLiveStreamsOnClose(app: FastifyInstance): void {
  const streams = new Set<Socket>();
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/trpc/changes.")) return;
    const socket = request.raw.socket;
    streams.add(socket);
    socket.once("close", () => streams.delete(socket));
  });
  app.addHook("preClose", async () => {
    for (const socket of streams) socket.destroy();
    streams.clear();
  });
}

/** What tRPC's `changes.onChange` takes; `lastEventId` also comes as the `Last-Event-ID` header. */
const liveInputSchema = z.object({ campaignId: campaignIdSchema, lastEventId: z.string().max(100).nullish() });

/** Bytes a stream may leave unsent before the client is judged too slow and cut (it resumes from its lastEventId). */
const MAX_UNSENT_BYTES = 1024 * 1024;

export interface LiveStreamOptions {
  db: Db;
  feed: ChangeFeed;
  actorOf: (request: FastifyRequest) => Promise<Actor>;
  /** Answers the request through tRPC itself: every refusal (bad input, unknown campaign, database away) goes there. */
  viaTrpc: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/**
 * `changes.onChange` written straight to the socket, in the frames tRPC's httpSubscriptionLink
 * reads (`connected`, tracked `data` with `id`, `ping`). Through tRPC, each subscriber's copy of a
 * change cost about 0.25 ms (an async generator, web streams and a JSON encoding per stream): 200
 * open maps made every write a 50 ms stall for everything else, `/health` included. Here a
 * change's frame is encoded once and handed to every stream that hears it. Refusals still go
 * through tRPC, so the client sees the same errors as before.
 */
export function registerLiveStream(app: FastifyInstance, { db, feed, actorOf, viaTrpc }: LiveStreamOptions): void {
  const frames = new WeakMap<LoggedChange, string>();
  const frameOf = ({ id, message, logged }: FeedEvent) => {
    const cached = logged ? frames.get(logged) : undefined;
    if (cached) return cached;
    const frame = sseFrame({ data: JSON.stringify(message), id });
    if (logged) frames.set(logged, frame);
    return frame;
  };

  app.get("/trpc/changes.onChange", async (request, reply) => {
    const input = liveInputOf(request);
    if (!input) return viaTrpc(request, reply);
    let actor: Actor;
    try {
      actor = await actorOf(request);
      await getCampaign(db, input.campaignId);
    } catch {
      return viaTrpc(request, reply);
    }

    const controller = new AbortController();
    const res = reply.raw;
    res.once("close", () => controller.abort());
    reply.hijack();
    // The headers other hooks set (security, request id) travel too: a hijacked reply sends only what is written here.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no", Connection: "keep-alive" });
    res.write(sseFrame({ event: "connected", data: JSON.stringify({ reconnectAfterInactivityMs: LIVE_STREAM_TIMING.reconnectAfterInactivityMs }) }));
    const write = (frame: string) => {
      if (res.writableLength > MAX_UNSENT_BYTES) return void res.destroy();
      res.write(frame);
    };
    const stop = await feed.listen(
      { campaignId: input.campaignId, lastEventId: input.lastEventId, includePrivate: actor.role !== "public", signal: controller.signal },
      (event) => write(frameOf(event)),
      () => res.end(),
    );
    if (!stop) return void res.end();
    const ping = setInterval(() => write(sseFrame({ event: "ping", data: "" })), LIVE_STREAM_TIMING.pingMs);
    res.once("close", () => {
      clearInterval(ping);
      stop();
    });
  });
}

/** The subscription's input as tRPC reads it: `?input=<json>`, with a Last-Event-ID header or query parameter merged in. */
function liveInputOf(request: FastifyRequest): z.infer<typeof liveInputSchema> | null {
  const query = request.query as Record<string, string | undefined>;
  let input: unknown;
  try {
    input = JSON.parse(query.input ?? "null");
  } catch {
    return null;
  }
  const header = request.headers["last-event-id"];
  const lastEventId = (typeof header === "string" ? header : undefined) ?? query.lastEventId ?? query["Last-Event-Id"];
  if (lastEventId && input !== null && typeof input === "object") input = { ...input, lastEventId };
  const parsed = liveInputSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** One server-sent event, laid out as tRPC's sseStreamProducer writes it. */
export function sseFrame({ event, data, id }: { event?: string; data: string; id?: string }): string {
  return `${event === undefined ? "" : `event: ${event}\n`}data: ${data}\n${id === undefined ? "" : `id: ${id}\n`}\n\n`;
}
