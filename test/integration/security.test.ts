import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { CSRF_HEADERS } from "../../shared/csrf";
import { buildServer } from "../../server/http/server";
import { contentSecurityPolicy } from "../../server/http/security";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

const FOREIGN = "https://evil.example";

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let behindProxy: FastifyInstance;
  let campaign: Campaign;
  let body: MadeBody;
  let version = 0;
  let organizer: { cookie: string };

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "Security campaign" });
    body = await makeBody(db, { name: "Warren" });
    app = await buildServer({ db, engine, basemapStyleUrl: "https://tiles.example.org/styles/basic.json", serveClient: false });
    behindProxy = await buildServer({ db, engine, basemapStyleUrl: null, publicUrl: "https://map.example.org", serveClient: false });
    organizer = await signedInHeaders(app, db, "organizer");
  });

  afterAll(async () => {
    await app?.close();
    await behindProxy?.close();
  });

  const moveInput = () => ({ campaignId: campaign.id, bodyId: body.id, toStage: version % 2 === 0 ? "organizing" : "not_started", expectedVersion: version });
  const changeStage = (target: FastifyInstance, headers: Record<string, string>) =>
    target.inject({
      method: "POST",
      url: "/trpc/resolution.changeStage",
      headers: { "content-type": "application/json", host: "localhost:3000", ...organizer, ...headers },
      payload: JSON.stringify(moveInput()),
    });

  describe("headers", () => {
    it("sends the security headers on every kind of response, with a CSP that allows no inline script", async () => {
      const responses = [
        await app.inject({ method: "GET", url: "/health" }),
        await app.inject({ method: "GET", url: "/config.json" }),
        await app.inject({ method: "GET", url: "/trpc/campaign.list" }),
        await app.inject({ method: "GET", url: "/no/such/page" }),
        await app.inject({ method: "POST", url: "/trpc/resolution.changeStage" }),
      ];
      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 404, 403]);
      for (const response of responses) {
        const csp = String(response.headers["content-security-policy"]);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self';");
        expect(csp).not.toContain("unsafe-inline");
        expect(csp).not.toContain("unsafe-eval");
        expect(csp).toContain("worker-src 'self' blob:");
        expect(csp).toContain("img-src 'self' data: blob:");
        expect(csp).toContain("connect-src 'self' https://tiles.example.org;");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.headers["x-frame-options"]).toBe("DENY");
        expect(response.headers["x-content-type-options"]).toBe("nosniff");
        expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
        expect(response.headers["cross-origin-opener-policy"]).toBe("same-origin");
        // Plain HTTP: a Strict-Transport-Security header would be ignored, and wrong.
        expect(response.headers["strict-transport-security"]).toBeUndefined();
      }
    });

    it("lets other sites frame /embed, and only /embed", async () => {
      for (const url of ["/embed", "/embed?campaign=m4a", "/embed/"]) {
        const response = await app.inject({ method: "GET", url });
        expect(response.headers["x-frame-options"], url).toBeUndefined();
        expect(response.headers["content-security-policy"], url).toContain("frame-ancestors *");
        expect(response.headers["content-security-policy"], url).toContain("script-src 'self';");
      }
      for (const url of ["/embedded", "/public", "/embed/../trpc/campaign.list"]) {
        const response = await app.inject({ method: "GET", url });
        expect(response.headers["x-frame-options"], url).toBe("DENY");
      }
    });

    it("adds HSTS when users reach the server over HTTPS, and the basemap origin only when there is one", async () => {
      const response = await behindProxy.inject({ method: "GET", url: "/health" });
      expect(response.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(response.headers["content-security-policy"]).toContain("connect-src 'self';");
      expect(contentSecurityPolicy({ basemapStyleUrl: "not a url", frameable: false })).toContain("connect-src 'self';");
    });
  });

  describe("request limits", () => {
    it("refuses a tRPC batch of more than 50 procedures with 400, and serves 50 with long names", async () => {
      const batch = (count: number) => {
        const paths = Array.from({ length: count }, (_, index) => (index % 2 ? "campaign.list" : "district.list")).join(",");
        return app.inject({ method: "GET", url: `/trpc/${paths}?batch=1&input=${encodeURIComponent("{}")}` });
      };
      expect((await batch(50)).statusCode).toBe(200);
      const tooMany = await batch(51);
      expect(tooMany.statusCode).toBe(400);
      expect(JSON.stringify(tooMany.json())).toContain("Batch call exceeds maximum size");
    });

    it("refuses a JSON body over 1 MB with 413", async () => {
      const response = await app.inject({
        method: "POST",
        url: "/trpc/resolution.changeStage",
        headers: { "content-type": "application/json", ...CSRF_HEADERS },
        payload: JSON.stringify({ note: "x".repeat(1_100_000) }),
      });
      expect(response.statusCode).toBe(413);
    });

    it("refuses a URL of more than 16 KiB with 431 before any handler runs", async () => {
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      const response = await fetch(`${address}/trpc/campaign.list?input=${"x".repeat(20_000)}`);
      expect(response.status).toBe(431);
    });
  });

  describe("CSRF", () => {
    it("refuses a mutation without the custom header with 403 and one line, changing nothing", async () => {
      const { db } = getDatabase();
      const before = await snapshotResolutionTables(db);
      const response = await changeStage(app, {});
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ error: 'requests that change data must carry the header "x-groundswell-csrf: 1"' });
      // A form post from another site: simple content type, no custom header.
      const form = await app.inject({
        method: "POST",
        url: "/trpc/resolution.changeStage",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: FOREIGN },
        payload: "a=1",
      });
      expect(form.statusCode).toBe(403);
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("refuses a mutation from a foreign Origin even with the header", async () => {
      const { db } = getDatabase();
      const before = await snapshotResolutionTables(db);
      for (const origin of [FOREIGN, "null", "http://localhost:3001", "https://localhost:3000.evil.example", "garbage"]) {
        const response = await changeStage(app, { ...CSRF_HEADERS, origin });
        expect(response.statusCode, origin).toBe(403);
        expect(response.json(), origin).toEqual({ error: `requests from ${origin} may not change data here` });
      }
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("accepts a same-origin mutation with the header, and one without Origin (API clients)", async () => {
      const sameOrigin = await changeStage(app, { ...CSRF_HEADERS, origin: "http://localhost:3000" });
      expect(sameOrigin.statusCode).toBe(200);
      version++;
      const noOrigin = await changeStage(app, CSRF_HEADERS);
      expect(noOrigin.statusCode).toBe(200);
      version++;
    });

    it("compares with GROUNDSWELL_PUBLIC_URL when it is set, not with Host", async () => {
      const fromHost = await changeStage(behindProxy, { ...CSRF_HEADERS, origin: "http://localhost:3000" });
      expect(fromHost.statusCode).toBe(403);
      const fromPublic = await changeStage(behindProxy, { ...CSRF_HEADERS, origin: "https://map.example.org" });
      expect(fromPublic.statusCode).toBe(200);
      version++;
    });

    it("leaves queries open: a GET needs neither header nor Origin", async () => {
      const response = await app.inject({
        method: "GET",
        url: `/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: campaign.id }))}`,
        headers: { origin: FOREIGN },
      });
      expect(response.statusCode).toBe(200);
    });

    it("guards the upload and commit routes too, before reading the body", async () => {
      const preview = await app.inject({
        method: "POST",
        url: "/api/imports/preview?fileName=towns.geojson",
        headers: { "content-type": "application/octet-stream" },
        payload: Buffer.alloc(10_000),
      });
      expect(preview.statusCode).toBe(403);
      const commit = await app.inject({ method: "POST", url: "/api/imports/commit", headers: { ...CSRF_HEADERS, origin: FOREIGN }, payload: { token: "x", as: "bodies" } });
      expect(commit.statusCode).toBe(403);
    });
  });
});
