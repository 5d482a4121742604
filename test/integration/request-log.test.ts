import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CSRF_HEADERS } from "../../shared/csrf";
import { buildServer } from "../../server/http/server";
import { makeCampaign } from "../helpers/factories";
import { ensureUser, TEST_PASSWORD } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * Issue 19: the logger was off, so a 500 left no trace. One JSON line per request (id, route,
 * procedure, status, duration, user), every 500 with its stack, and no password or cookie.
 */
forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  const lines: Array<Record<string, unknown>> = [];
  let raw = "";

  beforeAll(async () => {
    const { db } = getDatabase();
    await makeCampaign(db, { name: "Logged campaign" });
    await ensureUser(db, "admin");
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, logLevel: "info", logStream: stream });
    app.get("/test/boom", async () => {
      throw new Error("boom: secret driver text");
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("logs one line per request with its id, route, procedure, status, duration and user", async () => {
    const login = await app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json", ...CSRF_HEADERS },
      payload: JSON.stringify({ email: "admin@test.example", password: TEST_PASSWORD }),
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((item) => item.name === "groundswell_session")!;
    const me = await app.inject({ method: "GET", url: "/trpc/auth.me?input=%7B%7D", headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    const userId = (me.json() as { result: { data: { user: { id: number } } } }).result.data.user.id;
    const line = lines.find((entry) => entry.procedure === "auth.me");
    expect(line).toMatchObject({ msg: "request", method: "GET", path: "/trpc/auth.me", route: "/trpc/:path", status: 200, userId });
    expect(typeof line!.reqId).toBe("string");
    expect(typeof line!.ms).toBe("number");
    // Neither the password nor the session cookie reaches the log.
    expect(raw).not.toContain(TEST_PASSWORD);
    expect(raw).not.toContain(cookie.value);
  });

  it("a 500 is logged with its stack, and the user reads one generic line", async () => {
    const boom = await app.inject({ method: "GET", url: "/test/boom" });
    expect([boom.statusCode, boom.body]).toEqual([500, "Something went wrong on the server; the details are in the server log.\n"]);
    const logged = lines.find((entry) => entry.msg === "internal error");
    expect((logged!.err as { stack: string }).stack).toContain("boom: secret driver text");

    // A tRPC procedure failing inside the database (a table gone): same, through tRPC's error shape.
    await sql`alter table hub rename to hub_gone`.execute(getDatabase().db);
    const hubs = await app.inject({ method: "GET", url: "/trpc/public.hubs" });
    expect(hubs.statusCode).toBe(500);
    expect(hubs.body).toContain("Something went wrong on the server");
    expect(hubs.body).not.toMatch(/no such table|does not exist|relation/);
    const trpcError = lines.find((entry) => entry.msg === "tRPC internal error");
    expect((trpcError!.err as { stack: string }).stack).toMatch(/hub/);
    expect(lines.find((entry) => entry.path === "/trpc/public.hubs")).toMatchObject({ status: 500, msg: "request failed" });
  });
});
