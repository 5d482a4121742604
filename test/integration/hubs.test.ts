import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { changeStage } from "../../server/domain/resolutions";
import { runCliInProcess } from "../helpers/cli";
import { buildWorld, type World } from "../helpers/district-world";
import { makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Hubs on both engines, in the small Vermont of test/helpers/district-world.ts: hub.create /
 * update / list (members), the recruiting map (hub.coverage), Find my hub (hub.find), neighbouring
 * allies (hub.allies) and `groundswell import --as hubs`. Private contacts never reach a public answer.
 */

const organizer: Actor = { name: "Hub organizer", role: "organizer" };
const viewer: Actor = { name: "Hub viewer", role: "viewer" };
const anonymous: Actor = { name: "anon", role: "public" };
const SECRET = "Priya's cell 802-555-0142";

const count = async (db: Db, table: "hub" | "hubDistrict" | "hubBody") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

forEachEngine(
  (getDatabase) => {
    let world: World;
    let campaign: Campaign;
    let hubId: number;
    let scratch: string;
    const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

    beforeAll(async () => {
      const { db } = getDatabase();
      world = await buildWorld(db);
      campaign = await makeCampaign(db, { name: "Hub drive" });
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-hubs-"));
    });
    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    describe("hub.create, hub.update, hub.list", () => {
      it("creates a hub with its districts and bodies; members see private contacts", async () => {
        const hub = await caller(organizer).hub.create({
          name: "Ashby Area Hub",
          publicContact: "ashby@hub.example",
          onboarding: "Meet Tuesdays at the library",
          privateContacts: SECRET,
          districtIds: [world.districts.house1],
          bodyIds: [world.bodies.dover],
        });
        hubId = hub.id;
        expect(hub).toMatchObject({ name: "Ashby Area Hub", slug: "ashby-area-hub", privateContacts: SECRET });
        expect(hub.districts.map((district) => district.id)).toEqual([world.districts.house1]);
        expect(hub.bodies.map((body) => body.name)).toEqual(["Dover"]);
        const list = await caller(viewer).hub.list();
        expect(list.find((row) => row.id === hubId)?.privateContacts).toBe(SECRET);
      });

      it("refuses a duplicate name, an unknown district, viewers and the public, changing nothing", async () => {
        const { db } = getDatabase();
        const before = [await count(db, "hub"), await count(db, "hubDistrict"), await count(db, "hubBody")];
        await expect(caller(organizer).hub.create({ name: "ashby area hub" })).rejects.toMatchObject({ code: "CONFLICT", message: 'A hub named "Ashby Area Hub" already exists' });
        await expect(caller(organizer).hub.create({ name: "Ghost Hub", districtIds: [999_999] })).rejects.toMatchObject({
          code: "NOT_FOUND",
          message: "No district with id 999999",
        });
        await expect(caller(viewer).hub.create({ name: "Viewer Hub" })).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(caller(anonymous).hub.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
        expect([await count(db, "hub"), await count(db, "hubDistrict"), await count(db, "hubBody")]).toEqual(before);
      });

      it("edits fields and replaces lists that are given, keeping the rest", async () => {
        const hub = await caller(organizer).hub.update({ hubId, onboarding: "Meet Wednesdays", bodyIds: [world.bodies.dover, world.bodies.ashby] });
        expect(hub).toMatchObject({ name: "Ashby Area Hub", onboarding: "Meet Wednesdays", publicContact: "ashby@hub.example", privateContacts: SECRET });
        expect(hub.districts.map((district) => district.id)).toEqual([world.districts.house1]);
        expect(hub.bodies.map((body) => body.name)).toEqual(["Ashby", "Dover"]);
      });
    });

    describe("public views: coverage, find my hub, allies", () => {
      it("the recruiting map lists districts with and without a hub, covered by geography with the share", async () => {
        const coverage = await caller(anonymous).hub.coverage({ chamber: "state_lower" });
        const vermont = coverage.districts.filter((district) => district.state === "VT");
        // The hub names House 1 (whole) and the towns of Ashby and Dover: Dover is 2/9 of House 2.
        expect(vermont.map((district) => [district.name, district.hubs.map((hub) => hub.name), Number(district.share.toFixed(3))])).toEqual([
          ["1", ["Ashby Area Hub"], 1],
          ["2", ["Ashby Area Hub"], Number((2 / 9).toFixed(3))],
        ]);
        expect(coverage.withoutHub.map((district) => district.id)).not.toContain(world.districts.house2);
        await caller(organizer).hub.update({ hubId, bodyIds: [world.bodies.ashby] });
        const houseOnly = await caller(anonymous).hub.coverage({ chamber: "state_lower" });
        expect(houseOnly.withoutHub.map((district) => district.id)).toContain(world.districts.house2);
        await caller(organizer).hub.update({ hubId, bodyIds: [world.bodies.dover, world.bodies.ashby] });
        expect(JSON.stringify(coverage)).not.toContain("802-555-0142");
      });

      it("the gap list names the districts no hub covers whole, the people and towns left, and the sitting legislator", async () => {
        const gaps = (await caller(anonymous).hub.gaps({ campaignId: campaign.id, chamber: "state_lower" })).filter((gap) => gap.label.startsWith("VT"));
        // House 1 is covered whole. In House 2 the hub has Dover (its own town) and Brookfield (mostly in House 1);
        // Carlton's 6,000 people are left, and its ward adds nothing of its own.
        expect(gaps.map((gap) => [gap.label, Number(gap.uncoveredShare.toFixed(3)), gap.peopleNotCovered, gap.townsToRecruit.map((town) => [town.name, town.people])])).toEqual([
          ["VT State House 2", Number((7 / 9).toFixed(3)), 6000, [["Carlton", 6000]]],
        ]);
        expect(gaps[0]!.legislators).toEqual([{ legislatorId: world.legislators.robert, name: "Robert Brown", party: "Republican", step: "unknown" }]);
      });

      it("finds the districts and the hub at a point, and by town name", async () => {
        const atPoint = await caller(anonymous).hub.find({ point: [-72.89, 44.01] });
        expect(atPoint.places.map((place) => place.name)).toEqual(["Ashby"]);
        expect(atPoint.districts.map((district) => district.id)).toEqual([world.districts.house1]);
        expect(atPoint.hubs.map((hub) => [hub.name, hub.publicContact, hub.onboarding])).toEqual([["Ashby Area Hub", "ashby@hub.example", "Meet Wednesdays"]]);

        const byName = await caller(anonymous).hub.find({ query: "dover" });
        expect(byName.places.map((place) => place.name)).toEqual(["Dover"]);
        expect(byName.districts.map((district) => district.id)).toEqual([world.districts.house2]);
        // Dover, named by the hub, covers part of House 2.
        expect(byName.hubs.map((hub) => hub.name)).toEqual(["Ashby Area Hub"]);
        for (const answer of [atPoint, byName]) expect(JSON.stringify(answer)).not.toContain("802-555-0142");
        await expect(caller(anonymous).hub.find({ query: "d" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      });

      it("lists nearby bodies that passed, with date, sponsors and hub, within the distance asked", async () => {
        const { db } = getDatabase();
        await db.transaction().execute(async (trx) => {
          await changeStage(trx, { campaignId: campaign.id, bodyId: world.bodies.carlton, toStage: "introduced", expectedVersion: 0 }, organizer);
          await changeStage(trx, { campaignId: campaign.id, bodyId: world.bodies.carlton, toStage: "passed", expectedVersion: 1 }, organizer);
        });
        const stamp = new Date().toISOString();
        const member = await db
          .insertInto("member")
          .values({
            bodyId: world.bodies.carlton,
            name: "Councillor Dana Reyes",
            role: "Councillor",
            termStart: null,
            termEnd: null,
            publicContact: null,
            privateContact: SECRET,
            createdAt: stamp,
            updatedAt: stamp,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("memberPosition")
          .values({
            campaignId: campaign.id,
            memberId: member.id,
            position: "yes",
            sponsorRole: "lead",
            isInternal: 0,
            lastContactedOn: null,
            contactedBy: null,
            note: SECRET,
            updatedAt: stamp,
          })
          .execute();

        // Dover is 0.04° (about 3.2 km) east of Carlton.
        expect(await caller(anonymous).hub.allies({ campaignId: campaign.id, bodyId: world.bodies.dover, withinKm: 2 })).toEqual([]);
        const allies = await caller(anonymous).hub.allies({ campaignId: campaign.id, bodyId: world.bodies.dover, withinKm: 5 });
        expect(allies.map((ally) => [ally.name, ally.stage, ally.sponsors])).toEqual([["Carlton", "passed", [{ name: "Councillor Dana Reyes", role: "lead" }]]]);
        expect(allies[0]!.distanceKm).toBeGreaterThan(3);
        expect(allies[0]!.distanceKm).toBeLessThan(3.4);
        expect(allies[0]!.stageDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(JSON.stringify(allies)).not.toContain("802-555-0142");

        // House 1's neighbours: Carlton is about 0.8 km east of it; its own towns are not neighbours.
        const ofDistrict = await caller(anonymous).hub.allies({ campaignId: campaign.id, districtId: world.districts.house1, withinKm: 1 });
        expect(ofDistrict.map((ally) => ally.name)).toEqual(["Carlton"]);
        const ofHouse2 = await caller(anonymous).hub.allies({ campaignId: campaign.id, districtId: world.districts.house2, withinKm: 50 });
        expect(ofHouse2.map((ally) => ally.name)).not.toContain("Carlton");
        await expect(caller(anonymous).hub.allies({ campaignId: campaign.id, withinKm: 1 })).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: "Name a body or a district, not both",
        });
      });
    });

    describe("groundswell import --as hubs", () => {
      const write = (name: string, text: string) => {
        const file = path.join(scratch, name);
        fs.writeFileSync(file, text);
        return file;
      };

      it("refuses a file with a bad row, naming each problem, and changes nothing", async () => {
        const { db, env } = getDatabase();
        const before = [await count(db, "hub"), await count(db, "hubDistrict")];
        const file = write("bad.csv", "Name,Districts,Bodies\nBrookfield Hub,house:2;senate:9,Brookfield\n,house:1,\nDover Hub,5000999,Nowhere\n");
        const result = await runCliInProcess(["import", file, "--as", "hubs", "--state", "VT"], env);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          'groundswell: 4 problems, nothing imported: line 2: no current district "senate:9" in VT; line 3: no name; line 4: no current district with GEOID 5000999; line 4: no body "Nowhere" in VT\n',
        );
        const unknown = await runCliInProcess(["import", write("typo.csv", "name,privat_contacts\nX,Y\n"), "--as", "hubs"], env);
        expect(unknown.stderr).toBe('groundswell: unknown column "privat_contacts"; the columns are name, public_contact, onboarding, private_contacts, districts, bodies\n');
        expect([await count(db, "hub"), await count(db, "hubDistrict")]).toEqual(before);
      });

      it("reports a dry run without writing, then imports and updates by name", async () => {
        const { db, env } = getDatabase();
        const file = write(
          "hubs.csv",
          'name,public_contact,onboarding,private_contacts,districts,bodies\nBrookfield Hub,brook@hub.example,"Come on Sundays, bring snacks",Lee 802-555-0100,state_lower:2,Brookfield\nAshby Area Hub,ashby@hub.example,Meet Wednesdays,' +
            `"${SECRET}",house:1,Ashby;Dover\n`,
        );
        const before = await count(db, "hub");
        const dry = await runCliInProcess(["import", file, "--as", "hubs", "--state", "VT", "--dry-run"], env);
        expect(dry.stdout).toBe("Would import 2 hubs from hubs.csv: 1 new, 0 updated, 1 unchanged.\n  new: Brookfield Hub\nDry run: nothing was written.\n");
        expect(await count(db, "hub")).toBe(before);

        const real = await runCliInProcess(["import", file, "--as", "hubs", "--state", "VT"], env);
        expect(real.stderr).toBe("");
        expect(real.stdout).toContain("Imported 2 hubs from hubs.csv: 1 new, 0 updated, 1 unchanged.");
        const brookfield = (await caller(viewer).hub.list()).find((hub) => hub.name === "Brookfield Hub")!;
        expect(brookfield).toMatchObject({ publicContact: "brook@hub.example", onboarding: "Come on Sundays, bring snacks", privateContacts: "Lee 802-555-0100" });
        expect(brookfield.districts.map((district) => district.id)).toEqual([world.districts.house2]);
        expect((await caller(anonymous).hub.coverage({ chamber: "state_lower" })).withoutHub.filter((district) => district.state === "VT")).toEqual([]);
      });
    });
  },
  { sqliteOnDisk: true },
);
