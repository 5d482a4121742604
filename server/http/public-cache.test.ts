import Fastify from "fastify";
import { expect, it } from "vitest";
import { createPublicCache, registerPublicCache } from "./public-cache";

/**
 * A public answer is built once per change however many open maps ask for it, also when another
 * change lands while it is being built (issue 19: on PostgreSQL under a stream of writes, every
 * waiting map used to build its own answer).
 */
it("builds one answer for many waiting readers, even when a change lands during the build", async () => {
  const cache = createPublicCache();
  const app = Fastify();
  registerPublicCache(app, cache);
  let builds = 0;
  let release = () => {};
  const firstBuildHeld = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const firstBuildStarted = new Promise<void>((resolve) => (started = resolve));
  app.get("/trpc/public.map", async (_request, reply) => {
    const build = ++builds;
    if (build === 1) {
      started();
      await firstBuildHeld;
    }
    return reply.send(new Response(JSON.stringify({ build }), { status: 200, headers: { "content-type": "application/json" } }));
  });

  const readers = Array.from({ length: 10 }, () => app.inject({ method: "GET", url: "/trpc/public.map" }));
  await firstBuildStarted;
  cache.invalidate(); // a change commits while the first answer is being built
  release();
  const answers = await Promise.all(readers);

  expect(answers.map((answer) => answer.statusCode)).toEqual(Array(10).fill(200));
  expect(builds).toBe(2);
  // The first reader gets the answer it started; everyone else the one built after the change.
  expect(answers.filter((answer) => answer.json().build === 2)).toHaveLength(9);
  await app.close();
});
