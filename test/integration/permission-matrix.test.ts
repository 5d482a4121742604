import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../../server/api/router";
import { createMemoryChangeBus } from "../../server/db/change-bus";
import { addUser, inviteUser, issueResetLink } from "../../server/domain/accounts";
import { commandLineActor, publicActor, type Actor } from "../../server/domain/actor";
import { createChangeFeed } from "../../server/domain/changes";
import { createHub } from "../../server/domain/hubs";
import { listBills } from "../../server/domain/bills";
import { addMember } from "../../server/domain/members";
import { addLegislatorNextAction } from "../../server/domain/meetings";
import { saveLobbyDay, signUp } from "../../server/domain/lobby-days";
import { addTask } from "../../server/domain/tasks";
import { importEndorsers } from "../../server/domain/endorsers";
import { addEvidenceLink } from "../../server/domain/evidence";
import { changeStage } from "../../server/domain/resolutions";
import { makeCampaign } from "../helpers/factories";
import { buildWorld, type World } from "../helpers/district-world";
import { forEachEngine } from "../helpers/test-db";

/**
 * Every procedure × every role: allowed or refused, checked on the server through createCaller.
 * A procedure missing from ACCESS fails the first test, so a new procedure cannot ship without
 * deciding who may call it.
 *
 * Roles: admin, organizer, a hub member whose hub covers the body the input edits ("hub, inside")
 * and one whose hub does not ("hub, outside"), a viewer, and the anonymous public. "Allowed"
 * means the role check let the call through: it succeeds, or fails for a reason that is not a
 * permission (a stale version, say). "Refused" means 401 for the public, 403 for the rest.
 */

type Access = "public" | "member" | "bodyEditor" | "ownHub" | "organizer" | "admin";
const ROLES = ["admin", "organizer", "hub, inside", "hub, outside", "viewer", "public"] as const;
type RoleName = (typeof ROLES)[number];

const ALLOWED: Record<Access, readonly RoleName[]> = {
  public: ROLES,
  member: ["admin", "organizer", "hub, inside", "hub, outside", "viewer"],
  bodyEditor: ["admin", "organizer", "hub, inside"],
  ownHub: ["admin", "organizer", "hub, inside"],
  organizer: ["admin", "organizer"],
  admin: ["admin"],
};

interface Fixture {
  world: World;
  campaignId: number;
  hubInside: number;
  ashbyMember: number;
  ashbyTask: number;
  viewerUserId: number;
  login: { email: string; password: string };
  serial: () => number;
  version: () => Promise<number>;
  newMember: () => Promise<number>;
  newTask: () => Promise<number>;
  inviteToken: () => Promise<string>;
  resetToken: () => Promise<string>;
  bills: () => Promise<number[]>;
  legislatorNextAction: () => Promise<number>;
  lobbyDay: () => Promise<number>;
  hubSignUp: () => Promise<number>;
  ashbyEndorser: number;
  /** Evidence on Brookfield's passed resolution (inside hub A's area), and a fresh one to remove. */
  brookfieldEvidence: number;
  newEvidence: () => Promise<number>;
}

type Input = (f: Fixture) => unknown;

/** Who may call each procedure, and an input that would succeed for a role that may. */
const ACCESS: Record<string, [Access, Input]> = {
  "auth.me": ["public", () => undefined],
  "auth.login": ["public", (f) => f.login],
  "auth.logout": ["public", () => undefined],
  "auth.link": ["public", async (f) => ({ token: await f.inviteToken() })],
  "auth.acceptInvite": ["public", async (f) => ({ token: await f.inviteToken(), name: "New person", password: "a long passphrase" })],
  "auth.resetPassword": ["public", async (f) => ({ token: await f.resetToken(), password: "another long passphrase" })],
  "user.list": ["admin", () => undefined],
  "user.invite": ["admin", (f) => ({ email: `invitee-${f.serial()}@example.org`, role: "viewer" })],
  "user.resetLink": ["admin", (f) => ({ userId: f.viewerUserId })],
  "user.update": ["admin", (f) => ({ userId: f.viewerUserId, role: "viewer" })],
  "audit.list": ["admin", () => ({})],
  "campaign.list": ["public", () => undefined],
  "campaign.create": ["admin", (f) => ({ name: `Campaign ${f.serial()}` })],
  "campaign.update": ["admin", (f) => ({ campaignId: f.campaignId, bill: `H.${f.serial()}` })],
  "body.list": ["public", (f) => ({ campaignId: f.campaignId })],
  "body.get": ["member", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby })],
  "body.neighbors": ["public", (f) => ({ bodyId: f.world.bodies.ashby })],
  "resolution.stages": ["public", (f) => ({ campaignId: f.campaignId })],
  "resolution.changeStage": ["bodyEditor", async (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby, toStage: "organizing", expectedVersion: await f.version() })],
  "resolution.get": ["member", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby })],
  "resolution.update": [
    "bodyEditor",
    async (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby, expectedVersion: await f.version(), changes: { note: `note ${f.serial()}` } }),
  ],
  "resolution.undoStage": ["bodyEditor", async (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby, expectedVersion: Math.max(1, await f.version()) })],
  "resolution.upcoming": ["public", (f) => ({ campaignId: f.campaignId })],
  "district.list": ["public", () => undefined],
  "district.get": ["public", (f) => ({ campaignId: f.campaignId, districtId: f.world.districts.house1 })],
  "district.planComparison": ["public", (f) => ({ campaignId: f.campaignId, districtId: f.world.districts.house1 })],
  "district.shapes": ["public", (f) => ({ districtId: f.world.districts.house1 })],
  "changes.onChange": ["public", (f) => ({ campaignId: f.campaignId })],
  "member.board": ["member", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby })],
  "member.add": ["bodyEditor", (f) => ({ bodyId: f.world.bodies.ashby, name: `Councillor ${f.serial()}` })],
  "member.update": ["bodyEditor", (f) => ({ memberId: f.ashbyMember, changes: { role: `Chair ${f.serial()}` } })],
  "member.remove": ["bodyEditor", async (f) => ({ memberId: await f.newMember() })],
  "member.setPosition": ["bodyEditor", (f) => ({ campaignId: f.campaignId, memberId: f.ashbyMember, position: "yes" })],
  "member.recordRollCall": [
    "bodyEditor",
    (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby, votes: [{ memberId: f.ashbyMember, vote: f.serial() % 2 ? "yes" : "no" }] }),
  ],
  "member.projection": ["member", (f) => ({ campaignId: f.campaignId })],
  "member.setVotingSetup": [
    "bodyEditor",
    (f) => ({ bodyId: f.world.bodies.ashby, seats: 5, vacancies: 0, quorum: 3, voteRule: "majority_present", hasVeto: false, overrideRule: null }),
  ],
  "task.list": ["member", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby })],
  "task.overdue": ["member", (f) => ({ campaignId: f.campaignId })],
  "task.add": ["bodyEditor", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby, title: `Call ${f.serial()}` })],
  "task.update": ["bodyEditor", (f) => ({ taskId: f.ashbyTask, changes: { title: `Call again ${f.serial()}` } })],
  "task.complete": ["bodyEditor", (f) => ({ taskId: f.ashbyTask })],
  "task.reopen": ["bodyEditor", (f) => ({ taskId: f.ashbyTask })],
  "task.remove": ["bodyEditor", async (f) => ({ taskId: await f.newTask() })],
  "public.campaigns": ["public", () => undefined],
  "public.campaign": ["public", (f) => ({ campaign: f.campaignId })],
  "public.map": ["public", (f) => ({ campaign: f.campaignId })],
  "public.body": ["public", (f) => ({ campaign: f.campaignId, bodyId: f.world.bodies.ashby })],
  "public.search": ["public", () => ({ query: "Ash" })],
  "public.hubs": ["public", () => undefined],
  "public.legislatorsHere": ["public", (f) => ({ campaign: f.campaignId, query: "Ashby" })],
  "public.ballotQuestions": ["public", (f) => ({ campaign: f.campaignId })],
  "public.ballotMap": ["public", (f) => ({ campaign: f.campaignId, questionId: 1 })],
  "public.ballotDistrict": ["public", (f) => ({ campaign: f.campaignId, districtId: f.world.districts.house1 })],
  "legislator.list": ["public", (f) => ({ campaignId: f.campaignId })],
  "legislator.page": ["public", (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice })],
  "legislator.targets": ["public", (f) => ({ campaignId: f.campaignId })],
  "legislator.stepHistory": ["member", (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice })],
  "legislator.setStep": [
    "bodyEditor",
    (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice, step: f.serial() % 2 ? "supportive" : "undecided", source: "meeting" }),
  ],
  "legislator.undoStep": ["bodyEditor", (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice, expectedEventId: 1 })],
  "legislator.meetings": ["member", (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice })],
  "legislator.logMeeting": [
    "bodyEditor",
    (f) => ({
      campaignId: f.campaignId,
      legislatorId: f.world.legislators.alice,
      metOn: "2026-11-02",
      constituents: 4,
      place: "District office",
      followUps: ["Send the fact sheet"],
    }),
  ],
  "legislator.nextActions": ["member", (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice })],
  "legislator.addNextAction": ["bodyEditor", (f) => ({ campaignId: f.campaignId, legislatorId: f.world.legislators.alice, title: `Call ${f.serial()}` })],
  "legislator.completeNextAction": ["bodyEditor", async (f) => ({ campaignId: f.campaignId, nextActionId: await f.legislatorNextAction() })],
  "lobbyDay.list": ["member", (f) => ({ campaignId: f.campaignId })],
  "lobbyDay.get": ["member", async (f) => ({ lobbyDayId: await f.lobbyDay() })],
  "lobbyDay.save": ["organizer", (f) => ({ campaignId: f.campaignId, name: `Lobby day ${f.serial()}`, heldOn: "2099-02-03" })],
  "lobbyDay.signUp": ["bodyEditor", async (f) => ({ lobbyDayId: await f.lobbyDay(), legislatorId: f.world.legislators.alice, name: `Volunteer ${f.serial()}` })],
  "lobbyDay.withdraw": ["ownHub", async (f) => ({ lobbyDayId: await f.lobbyDay(), signUpId: await f.hubSignUp() })],
  "lobbyDay.schedule": ["organizer", async (f) => ({ lobbyDayId: await f.lobbyDay(), legislatorId: f.world.legislators.alice, time: "10:00", room: `Room ${f.serial()}` })],
  "lobbyDay.reportBack": ["bodyEditor", async (f) => ({ lobbyDayId: await f.lobbyDay(), legislatorId: f.world.legislators.alice, answer: "Later" })],
  "bill.list": ["public", (f) => ({ campaignId: f.campaignId })],
  "bill.add": ["admin", (f) => ({ campaignId: f.campaignId, name: `S.${f.serial()}`, jurisdiction: "state", chamber: "state_upper" })],
  "bill.update": ["admin", async (f) => ({ billId: (await f.bills())[0]!, jurisdiction: "state" })],
  "bill.move": ["admin", async (f) => ({ billId: (await f.bills()).at(-1)!, by: -1 })],
  "bill.remove": ["admin", async (f) => ({ billId: (await f.bills()).at(-1)! })],
  "pipeline.list": ["public", (f) => ({ campaignId: f.campaignId })],
  "pipeline.board": ["public", (f) => ({ campaignId: f.campaignId })],
  "pipeline.facets": ["public", () => undefined],
  "hub.list": ["member", () => undefined],
  "hub.get": ["member", (f) => ({ hubId: f.hubInside })],
  "hub.area": ["member", () => undefined],
  "hub.create": ["organizer", (f) => ({ name: `New hub ${f.serial()}` })],
  "hub.gaps": ["public", (f) => ({ campaignId: f.campaignId, chamber: "state_lower" })],
  "hub.update": ["ownHub", (f) => ({ hubId: f.hubInside, publicContact: `hub-${f.serial()}@example.org` })],
  "hub.coverage": ["public", () => undefined],
  "hub.find": ["public", () => ({ query: "Ashby" })],
  "hub.allies": ["public", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.ashby })],
  "public.endorsers": ["public", (f) => ({ campaign: f.campaignId })],
  "endorser.list": ["member", (f) => ({ campaignId: f.campaignId })],
  "endorser.history": ["member", (f) => ({ endorserId: f.ashbyEndorser })],
  "endorser.setStep": ["bodyEditor", (f) => ({ endorserId: f.ashbyEndorser, step: f.serial() % 2 ? "asked" : "considering" })],
  "endorser.undoStep": ["bodyEditor", (f) => ({ endorserId: f.ashbyEndorser, expectedEventId: 1 })],
  "evidence.get": ["member", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.brookfield })],
  "evidence.addLink": [
    "bodyEditor",
    (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.brookfield, category: "minutes", url: `https://brookfield.example.org/minutes/${f.serial()}` }),
  ],
  "evidence.setPublic": ["organizer", (f) => ({ evidenceId: f.brookfieldEvidence, isPublic: f.serial() % 2 === 0 })],
  "evidence.remove": ["organizer", async (f) => ({ evidenceId: await f.newEvidence() })],
  "evidence.changeVerification": ["organizer", (f) => ({ campaignId: f.campaignId, bodyId: f.world.bodies.brookfield, toState: "verified" })],
};

const procedurePaths = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();

forEachEngine((getDatabase) => {
  let fixture: Fixture;
  let actors: Record<RoleName, Actor>;
  const changes = createChangeFeed(createMemoryChangeBus());

  beforeAll(async () => {
    const { db } = getDatabase();
    const world = await buildWorld(db);
    const campaign = await makeCampaign(db, { name: "Matrix campaign" });
    let serial = 0;
    let lobbyDayId: number | undefined;
    const result = await db.transaction().execute(async (trx) => {
      // Hub A covers House 1 (Ashby and part of Brookfield); hub B only Dover.
      const inside = await createHub(trx, { name: "Hub A", districtIds: [world.districts.house1] }, commandLineActor);
      const outside = await createHub(trx, { name: "Hub B", bodyIds: [world.bodies.dover] }, commandLineActor);
      const user = async (email: string, role: "admin" | "organizer" | "hub" | "viewer", hubId: number | null = null) =>
        (await addUser(trx, { email, role, hubId, password: "correct horse battery" }, commandLineActor)).user;
      const admin = await user("admin@example.org", "admin");
      const organizer = await user("organizer@example.org", "organizer");
      const hubIn = await user("hub-a@example.org", "hub", inside.id);
      const hubOut = await user("hub-b@example.org", "hub", outside.id);
      const viewer = await user("viewer@example.org", "viewer");
      const member = await addMember(trx, { bodyId: world.bodies.ashby, name: "Councillor Ashby" });
      const task = await addTask(trx, { campaignId: campaign.id, bodyId: world.bodies.ashby, title: "Call the clerk" }, commandLineActor);
      const [endorser] = await importEndorsers(trx, { campaignId: campaign.id, rows: [{ name: "Ashby Grange", town: "Ashby", state: "VT" }] }, commandLineActor).then(async () =>
        trx.selectFrom("endorser").select("id").where("name", "=", "Ashby Grange").execute(),
      );
      const introduced = await changeStage(trx, { campaignId: campaign.id, bodyId: world.bodies.brookfield, toStage: "introduced", expectedVersion: 0 }, commandLineActor);
      await changeStage(trx, { campaignId: campaign.id, bodyId: world.bodies.brookfield, toStage: "passed", expectedVersion: introduced.version }, commandLineActor);
      const evidence = await addEvidenceLink(
        trx,
        { campaignId: campaign.id, bodyId: world.bodies.brookfield, category: "minutes", url: "https://brookfield.example.org/minutes" },
        commandLineActor,
      );
      return { inside, admin, organizer, hubIn, hubOut, viewer, member, task, endorser: endorser!, evidence: evidence.evidence!.id };
    });
    const asActor = (user: { id: number; name: string; role: Actor["role"]; hubId: number | null }): Actor => ({
      name: user.name,
      role: user.role,
      userId: user.id,
      hubId: user.hubId,
    });
    actors = {
      admin: asActor(result.admin),
      organizer: asActor(result.organizer),
      "hub, inside": asActor(result.hubIn),
      "hub, outside": asActor(result.hubOut),
      viewer: asActor(result.viewer),
      public: publicActor,
    };
    fixture = {
      world,
      campaignId: campaign.id,
      hubInside: result.inside.id,
      ashbyMember: result.member.id,
      ashbyTask: result.task.id,
      viewerUserId: result.viewer.id,
      login: { email: "viewer@example.org", password: "correct horse battery" },
      serial: () => ++serial,
      version: async () =>
        (await db.selectFrom("resolution").select("version").where("campaignId", "=", campaign.id).where("bodyId", "=", world.bodies.ashby).executeTakeFirst())?.version ?? 0,
      newMember: async () => (await addMember(db, { bodyId: world.bodies.ashby, name: `Member ${++serial}` })).id,
      newTask: async () => (await addTask(db, { campaignId: campaign.id, bodyId: world.bodies.ashby, title: `Task ${++serial}` }, commandLineActor)).id,
      inviteToken: async () => (await inviteUser(db, { email: `person-${++serial}@example.org`, role: "viewer" }, commandLineActor)).path.split("/").pop()!,
      resetToken: async () => (await issueResetLink(db, result.organizer.id, commandLineActor)).path.split("/").pop()!,
      bills: async () => (await listBills(db, campaign.id)).map((bill) => bill.id),
      ashbyEndorser: result.endorser.id,
      brookfieldEvidence: result.evidence,
      newEvidence: async () =>
        (
          await addEvidenceLink(
            db,
            { campaignId: campaign.id, bodyId: world.bodies.brookfield, category: "other", url: `https://brookfield.example.org/${++serial}` },
            commandLineActor,
          )
        ).evidence!.id,
      legislatorNextAction: async () =>
        (await addLegislatorNextAction(db, { campaignId: campaign.id, legislatorId: world.legislators.alice, title: `Task ${++serial}` }, commandLineActor)).id,
      lobbyDay: async () => (lobbyDayId ??= (await saveLobbyDay(db, { campaignId: campaign.id, name: "Matrix lobby day", heldOn: "2099-02-03" }, commandLineActor)).id),
      hubSignUp: async () =>
        (
          await signUp(
            db,
            { lobbyDayId: await fixture.lobbyDay(), legislatorId: world.legislators.alice, name: `Hub A volunteer ${++serial}`, hubId: result.inside.id },
            commandLineActor,
          )
        ).id,
    };
  });

  it("names every procedure of the API, and nothing else", () => {
    expect(Object.keys(ACCESS).sort()).toEqual(procedurePaths);
  });

  describe.each(procedurePaths)("%s", (path) => {
    it.each(ROLES)("as %s", async (role) => {
      const [access, input] = ACCESS[path]!;
      const caller = createCaller({ db: getDatabase().db, actor: actors[role], changes });
      const call = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
      let refusal: TRPCError | null = null;
      try {
        const result = await call(await input(fixture));
        // A subscription hands back its stream once the checks passed: close it.
        if (result && typeof result === "object" && Symbol.asyncIterator in result) await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
      } catch (error) {
        if (!(error instanceof TRPCError)) throw error;
        if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN") refusal = error;
        else if (error.code === "INTERNAL_SERVER_ERROR") throw error;
      }
      if (ALLOWED[access].includes(role)) {
        expect(refusal, refusal?.message).toBeNull();
      } else {
        expect(refusal?.code).toBe(role === "public" ? "UNAUTHORIZED" : "FORBIDDEN");
        expect(refusal?.message).toMatch(/\w/);
      }
    });
  });
});
