import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADERS } from "../../shared/csrf";
import type { Campaign } from "../../shared/model/campaign";
import { authenticate, inviteUser, issueResetLink, THROTTLE, updateUser, userOfSession } from "../../server/domain/accounts";
import { commandLineActor } from "../../server/domain/actor";
import { hashPassword, verifyPassword } from "../../server/domain/passwords";
import { buildServer } from "../../server/http/server";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { ensureUser, signIn, TEST_PASSWORD } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * Accounts over HTTP: the read-only demo before the first account, sign-in with an HttpOnly
 * SameSite cookie stored as a database session, sign-out, throttling (429), invite and password
 * links, disabled accounts, and the audit log of who changed what.
 */

const json = { "content-type": "application/json", ...CSRF_HEADERS };

describe("password hashing", () => {
  it("salts each hash, verifies the right password only, and never matches a malformed hash", async () => {
    const [first, second] = [await hashPassword("a long passphrase"), await hashPassword("a long passphrase")];
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("a long passphrase", first)).toBe(true);
    expect(await verifyPassword("a long passphrasE", first)).toBe(false);
    expect(await verifyPassword("a long passphrase", "plain-text")).toBe(false);
  });
});

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let campaign: Campaign;
  let body: MadeBody;

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "Auth campaign" });
    body = await makeBody(db, { name: "Tiverton" });
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false });
  });
  afterAll(() => app?.close());

  const call = (procedure: string, input: unknown, cookie?: string, ip = "203.0.113.9") =>
    app.inject({
      method: "POST",
      url: `/trpc/${procedure}`,
      headers: { ...json, ...(cookie ? { cookie } : {}) },
      payload: input === undefined ? "{}" : JSON.stringify(input),
      remoteAddress: ip,
    });
  const query = (procedure: string, input: unknown, cookie?: string) =>
    app.inject({ method: "GET", url: `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, headers: cookie ? { cookie } : {} });
  const me = async (cookie?: string) => (await query("auth.me", undefined, cookie)).json().result.data;
  const stageOf = async () =>
    (await getDatabase().db.selectFrom("resolution").select(["stage", "version"]).where("campaignId", "=", campaign.id).where("bodyId", "=", body.id).executeTakeFirst()) ?? {
      stage: "not_started",
      version: 0,
    };
  const move = async (cookie?: string) =>
    call(
      "resolution.changeStage",
      { campaignId: campaign.id, bodyId: body.id, toStage: (await stageOf()).stage === "organizing" ? "not_started" : "organizing", expectedVersion: (await stageOf()).version },
      cookie,
    );

  it("is a read-only demo before the first account: private reads work, every write is refused", async () => {
    expect(await me()).toEqual({ user: null, demo: true });
    expect((await query("resolution.get", { campaignId: campaign.id, bodyId: body.id })).statusCode).toBe(200);
    const refused = await move();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/Viewers cannot make changes/);
    expect(await stageOf()).toEqual({ stage: "not_started", version: 0 });
  });

  describe("once accounts exist", () => {
    let organizerCookie: string;

    beforeAll(async () => {
      await ensureUser(getDatabase().db, "organizer");
      organizerCookie = await signIn(app, "organizer@test.example");
    });

    it("refuses anonymous reads of private data (401) and anonymous writes", async () => {
      expect(await me()).toEqual({ user: null, demo: false });
      const read = await query("resolution.get", { campaignId: campaign.id, bodyId: body.id });
      expect(read.statusCode).toBe(401);
      expect(read.json().error.message).toBe("Sign in to see this");
      const write = await move();
      expect(write.statusCode).toBe(401);
      expect(write.json().error.message).toBe("Sign in to make changes");
      expect(await stageOf()).toEqual({ stage: "not_started", version: 0 });
    });

    it("signs in with an HttpOnly, SameSite=Lax cookie whose token the database keeps only as a digest", async () => {
      const response = await call("auth.login", { email: "Organizer@Test.Example ", password: TEST_PASSWORD });
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((item) => item.name === "groundswell_session")!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(cookie.secure).toBeUndefined();
      const days = (new Date(cookie.expires!).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect(days).toBeLessThanOrEqual(14);
      const sessions = await getDatabase().db.selectFrom("userSession").select("tokenHash").execute();
      expect(sessions.map((row) => row.tokenHash)).not.toContain(cookie.value);
      expect(sessions.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
      expect(await me(`groundswell_session=${cookie.value}`)).toMatchObject({ user: { email: "organizer@test.example", role: "organizer" }, demo: false });
    });

    it("lets the organizer change a stage, and the audit log records who, before and after", async () => {
      const response = await move(organizerCookie);
      expect(response.statusCode).toBe(200);
      expect(await stageOf()).toEqual({ stage: "organizing", version: 1 });
      const adminCookie = await signIn(app, (await ensureUser(getDatabase().db, "admin")).email);
      const log = (await query("audit.list", { subjectKind: "resolution" }, adminCookie)).json().result.data;
      expect(log[0]).toMatchObject({
        actorName: "Test organizer",
        actorRole: "organizer",
        action: "resolution.changeStage",
        subjectKind: "resolution",
        subjectId: String(body.id),
        campaignId: campaign.id,
      });
      expect(log[0].before).toBeNull();
      expect(log[0].after).toMatchObject({ stage: "organizing", version: 1 });
      expect((await query("audit.list", {}, organizerCookie)).statusCode).toBe(403);
    });

    it("signs out: the session row is gone and the old cookie no longer works", async () => {
      const cookie = await signIn(app, "organizer@test.example");
      const out = await call("auth.logout", undefined, cookie);
      expect(out.statusCode).toBe(200);
      expect(out.cookies.find((item) => item.name === "groundswell_session")?.value).toBe("");
      expect(await me(cookie)).toEqual({ user: null, demo: false });
      expect((await move(cookie)).statusCode).toBe(401);
    });

    it("answers a wrong password and an unknown email alike, with 401", async () => {
      const wrong = await call("auth.login", { email: "organizer@test.example", password: "not the password" }, undefined, "198.51.100.1");
      const unknown = await call("auth.login", { email: "nobody@test.example", password: "not the password" }, undefined, "198.51.100.1");
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(wrong.json().error.message).toBe("Wrong email or password");
      expect(unknown.json().error.message).toBe("Wrong email or password");
    });

    it("throttles an account after five failures with 429, even for the right password, from any address", async () => {
      await ensureUser(getDatabase().db, "viewer", { email: "target@test.example" });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < THROTTLE.perAccount; attempt++) {
        statuses.push((await call("auth.login", { email: "target@test.example", password: `guess ${attempt}` }, undefined, `192.0.2.${attempt + 1}`)).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const locked = await call("auth.login", { email: "target@test.example", password: TEST_PASSWORD }, undefined, "192.0.2.99");
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.message).toMatch(/^Too many failed sign-ins for target@test\.example: try again in 15 minutes/);
    });

    it("throttles an address after twenty failures across accounts", async () => {
      const statuses = new Set<number>();
      for (let attempt = 0; attempt < THROTTLE.perAddress; attempt++) {
        statuses.add((await call("auth.login", { email: `spray-${attempt}@test.example`, password: "guess" }, undefined, "198.18.0.7")).statusCode);
      }
      expect([...statuses]).toEqual([401]);
      const next = await call("auth.login", { email: "organizer@test.example", password: TEST_PASSWORD }, undefined, "198.18.0.7");
      expect(next.statusCode).toBe(429);
      expect(next.json().error.message).toMatch(/from this address/);
      expect((await call("auth.login", { email: "organizer@test.example", password: TEST_PASSWORD }, undefined, "198.18.0.8")).statusCode).toBe(200);
    });

    it("lets the window pass: failures older than fifteen minutes no longer count", async () => {
      const { db } = getDatabase();
      await ensureUser(db, "viewer", { email: "patient@test.example" });
      const past = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000);
      for (let attempt = 0; attempt < THROTTLE.perAccount; attempt++)
        await authenticate(db, { email: "patient@test.example", password: "wrong" }, "192.0.2.200", past).catch(() => undefined);
      expect((await call("auth.login", { email: "patient@test.example", password: TEST_PASSWORD })).statusCode).toBe(200);
    });

    it("refuses a login without the CSRF header, so another site cannot sign a browser in", async () => {
      const response = await app.inject({
        method: "POST",
        url: "/trpc/auth.login",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ email: "organizer@test.example", password: TEST_PASSWORD }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.cookies).toEqual([]);
    });

    it("an invite link makes the account and signs it in, once; a used or unknown link says so", async () => {
      const { db } = getDatabase();
      const link = await inviteUser(db, { email: "new.volunteer@test.example", role: "viewer" }, commandLineActor);
      const token = link.path.split("/").pop()!;
      expect(link.path).toMatch(/^\/invite\/[\w-]{43}$/);
      expect((await query("auth.link", { token })).json().result.data).toEqual({ kind: "invite", email: "new.volunteer@test.example", role: "viewer", problem: null });
      const short = await call("auth.acceptInvite", { token, name: "Nia", password: "short" });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.message).toMatch(/at least 10 characters/);
      const accepted = await call("auth.acceptInvite", { token, name: "Nia Volunteer", password: "a long passphrase" });
      expect(accepted.statusCode).toBe(200);
      const cookie = accepted.cookies.find((item) => item.name === "groundswell_session")!;
      expect(await me(`groundswell_session=${cookie.value}`)).toMatchObject({ user: { name: "Nia Volunteer", role: "viewer" } });
      const again = await call("auth.acceptInvite", { token, name: "Someone else", password: "a long passphrase" });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.message).toBe("This link has been used already: ask an admin for a new one");
      expect((await query("auth.link", { token: "x".repeat(43) })).statusCode).toBe(404);
    });

    it("a password link replaces the password and ends every session of that account", async () => {
      const { db } = getDatabase();
      const user = await ensureUser(db, "viewer", { email: "forgetful@test.example" });
      const oldCookie = await signIn(app, user.email);
      const token = (await issueResetLink(db, user.id, commandLineActor)).path.split("/").pop()!;
      expect((await call("auth.resetPassword", { token, password: "a brand new passphrase" })).statusCode).toBe(200);
      expect(await me(oldCookie)).toEqual({ user: null, demo: false });
      expect((await call("auth.login", { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
      expect((await call("auth.login", { email: user.email, password: "a brand new passphrase" })).statusCode).toBe(200);
    });

    it("an expired link is refused", async () => {
      const { db } = getDatabase();
      const user = await ensureUser(db, "viewer", { email: "late@test.example" });
      const token = (await issueResetLink(db, user.id, commandLineActor, new Date(Date.now() - 25 * 3_600_000))).path.split("/").pop()!;
      expect((await query("auth.link", { token })).json().result.data.problem).toBe("expired");
      const response = await call("auth.resetPassword", { token, password: "a brand new passphrase" });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe("This link has expired: ask an admin for a new one");
    });

    it("a disabled account cannot sign in and its sessions end; the last admin cannot be disabled", async () => {
      const { db } = getDatabase();
      const user = await ensureUser(db, "organizer", { email: "leaving@test.example" });
      const cookie = await signIn(app, user.email);
      await db.transaction().execute((trx) => updateUser(trx, { userId: user.id, disabled: true }, commandLineActor));
      expect(await userOfSession(db, cookie.split("=")[1]!)).toBeNull();
      const refused = await call("auth.login", { email: user.email, password: TEST_PASSWORD });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe("This account is disabled: ask an admin");
      const admin = await ensureUser(db, "admin");
      await expect(db.transaction().execute((trx) => updateUser(trx, { userId: admin.id, role: "viewer" }, commandLineActor))).rejects.toThrow(
        "this is the only admin: make another admin first",
      );
    });

    it("only admins import files", async () => {
      const upload = (cookie: string) =>
        app.inject({
          method: "POST",
          url: "/api/imports/preview?fileName=towns.geojson",
          headers: { ...CSRF_HEADERS, cookie, "content-type": "application/octet-stream" },
          payload: "{}",
        });
      const refused = await upload(organizerCookie);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toBe("Only admins can import files");
      const adminCookie = await signIn(app, "admin@test.example");
      expect((await upload(adminCookie)).statusCode).toBe(400);
    });
  });
});
