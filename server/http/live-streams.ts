import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";

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
