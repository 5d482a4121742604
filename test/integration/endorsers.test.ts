import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { ENDORSER_COLUMNS, PUBLIC_ENDORSER_COLUMNS } from "../../shared/model/endorser";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { createCampaign } from "../../server/domain/campaigns";
import { exportEndorsers } from "../../server/domain/endorsers";
import { importEndorserRows } from "../../server/domain/import-service";
import { parseColumnCsv } from "../../server/io/column-csv";
import { toCsv } from "../../server/io/csv";
import { buildWorld, type World } from "../helpers/district-world";
import { forEachEngine } from "../helpers/test-db";

/**
 * Endorsers (issue 17): the CSV import through the one write path (dry run, every bad row named,
 * re-import unchanged), placing by coordinates or the town's centre, the endorser ladder with its
 * history and undo, what anonymous readers see, and the export, on both engines, in the small
 * Vermont of test/helpers/district-world.ts (Ashby, Brookfield, Carlton city, Dover at 44.0–44.02 N).
 */

const organizer: Actor = { name: "Endorser organizer", role: "organizer" };
const admin: Actor = { name: "Endorser admin", role: "admin" };
const anonymous: Actor = { name: "anon", role: "public" };
const viewer: Actor = { name: "Endorser viewer", role: "viewer" };

const SECRET = { address: "12 Hidden Lane", privateContact: "owner-cell-555-0101", note: "board chair is wavering" };
const FILE = [
  "Name,Category,Town,State,Address,Lat,Lon,Step,Public,Website,Public Contact,Private Contact,Note",
  `Ashby Family Medicine,medical_practice,Ashby,VT,${SECRET.address},,,Endorsed,yes,https://ashbymed.example.org,front@ashbymed.example.org,${SECRET.privateContact},${SECRET.note}`,
  "Mayor Lena Ortiz,mayor,Carlton,VT,,,,asked,no,,,,",
  "Brookfield Food Co-op,business,Brookfield,VT,,44.012,-72.875,considering,yes,,,,",
].join("\n");

const rowsOf = (text: string) => parseColumnCsv(text, ENDORSER_COLUMNS);
const count = async (db: Db, table: "endorser" | "endorserStepEvent" | "auditEvent") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

forEachEngine((getDatabase) => {
  let world: World;
  let campaign: Campaign;
  const ctx = () => ({ db: getDatabase().db, actor: admin });
  const importFile = (text: string, dryRun = false) => importEndorserRows(ctx(), { as: "endorsers", campaign: campaign.name, dryRun }, rowsOf(text), { fileName: "endorsers.csv" });
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });
  const byName = async (name: string) => (await caller(viewer).endorser.list({ campaignId: campaign.id })).find((endorser) => endorser.name === name)!;

  beforeAll(async () => {
    world = await buildWorld(getDatabase().db);
    campaign = await createCampaign(getDatabase().db, { name: "Vermont endorsements", states: ["VT"] });
  });

  describe("import --as endorsers", () => {
    it("dry-runs the plan and writes nothing, not even an audit entry", async () => {
      const audits = await count(getDatabase().db, "auditEvent");
      const plan = await importFile(FILE, true);
      expect(plan).toMatchObject({ dryRun: true, rows: 3, created: ["Ashby Family Medicine", "Mayor Lena Ortiz", "Brookfield Food Co-op"], updated: [], unchanged: [] });
      expect(plan.placed).toEqual({ coordinates: 1, town: 2, address: 0 });
      expect(await count(getDatabase().db, "endorser")).toBe(0);
      expect(await count(getDatabase().db, "endorserStepEvent")).toBe(0);
      expect(await count(getDatabase().db, "auditEvent")).toBe(audits);
    });

    it("imports: coordinates kept, others at their town's centre, a mayor linked to her city, each step one ladder event", async () => {
      const summary = await importFile(FILE);
      expect(summary.created).toHaveLength(3);
      const clinic = await byName("Ashby Family Medicine");
      expect(clinic).toMatchObject({
        category: "medical_practice",
        townBodyId: world.bodies.ashby,
        linkedBodyId: null,
        locationSource: "town",
        step: "endorsed",
        isPublic: true,
        ...SECRET,
      });
      // Ashby is the 0.02° square from -72.90, 44.00: its centre lies inside it.
      expect(clinic.lon).toBeGreaterThan(-72.9);
      expect(clinic.lon).toBeLessThan(-72.88);
      expect(clinic.lat).toBeCloseTo(44.01, 5);
      expect(await byName("Brookfield Food Co-op")).toMatchObject({ lon: -72.875, lat: 44.012, locationSource: "coordinates", step: "considering" });
      expect(await byName("Mayor Lena Ortiz")).toMatchObject({ linkedBodyId: world.bodies.carlton, townBodyId: world.bodies.carlton, step: "asked", isPublic: false });
      const history = await caller(viewer).endorser.history({ endorserId: clinic.id });
      expect(history.map((event) => [event.fromStep, event.toStep, event.note, event.actor])).toEqual([["identified", "endorsed", "CSV import", admin.name]]);
      const audit = await getDatabase().db.selectFrom("auditEvent").select(["action", "summary"]).where("action", "=", "import endorsers").execute();
      expect(audit).toEqual([{ action: "import endorsers", summary: "Imported endorsers from endorsers.csv: 3 new, 0 updated, 0 unchanged" }]);
    });

    it("re-imports the same file as unchanged, adding no event; a column left out leaves its field", async () => {
      const events = await count(getDatabase().db, "endorserStepEvent");
      expect(await importFile(FILE)).toMatchObject({ created: [], updated: [], unchanged: ["Ashby Family Medicine", "Mayor Lena Ortiz", "Brookfield Food Co-op"] });
      expect(await count(getDatabase().db, "endorserStepEvent")).toBe(events);
      const update = await importFile("name,town,state,step\nAshby Family Medicine,Ashby,VT,active partner");
      expect(update).toMatchObject({ updated: ["Ashby Family Medicine"], created: [] });
      expect(await byName("Ashby Family Medicine")).toMatchObject({ step: "active_partner", ...SECRET, website: "https://ashbymed.example.org" });
    });

    it("refuses a file with bad rows, naming each by line, and writes nothing", async () => {
      const before = await count(getDatabase().db, "endorser");
      const bad = [
        "name,category,town,state,lat,lon,website,step",
        ",business,Ashby,VT,,,,", // no name
        "Nowhere Bakery,business,,VT,,,,", // no town
        "Swapped Diner,business,Dover,VT,-72.8,44.0,,", // lat and lon swapped: outside VT
        "Ftp Shop,business,Dover,VT,,,ftp://files.example.org,", // not an http(s) link
        "Lost Chapel,faith_congregation,Atlantis,VT,,,,", // no such town, no coordinates
        "Odd Guild,guild,Dover,VT,,,,", // no such category
        "Half Point,business,Dover,VT,44.01,,,", // lat without lon
        "Skipper,business,Dover,VT,,,,signed", // no such step
      ].join("\n");
      const refusal = importFile(bad);
      await expect(refusal).rejects.toThrow(/^8 problems, nothing imported: /);
      const message = await refusal.catch((error: Error) => error.message);
      for (const expected of [
        "line 2: no name",
        "line 3: no town",
        "line 4: lat -72.8, lon 44 is outside VT",
        'line 5: website "ftp://files.example.org" is not an http(s) link',
        'line 6: no town "Atlantis" in VT; import its body first or give lat and lon',
        'line 7: category "guild" is not one of',
        "line 8: lat and lon go together",
        'line 9: step "signed" is not one of identified, asked, considering, endorsed, active_partner, declined',
      ])
        expect(message).toContain(expected);
      // In the file's order, line by line, whichever check found the problem.
      expect([...String(message).matchAll(/line (\d+):/g)].map((match) => Number(match[1]))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await count(getDatabase().db, "endorser")).toBe(before);
    });

    it("places an address through the geocoder when one is set; an answer outside the state falls back to the town's centre", async () => {
      const geocoded = await createCampaign(getDatabase().db, { name: "Vermont geocoded", states: ["VT"] });
      const asked: string[] = [];
      const geocode = async ({ address, town, state }: { address: string; town: string; state: string }): Promise<[number, number] | null> => {
        asked.push(`${address}, ${town}, ${state}`);
        return address.startsWith("1 ") ? [-72.885, 44.005] : [-100, 40];
      };
      const file = ["name,town,address,lat,lon", "Geo Bakery,Ashby,1 Main St,,", "Far Diner,Ashby,9 Elsewhere Rd,,", "Pinned Shop,Ashby,2 Main St,44.015,-72.895"].join("\n");
      const summary = await importEndorserRows(ctx(), { as: "endorsers", campaign: geocoded.name, dryRun: false }, rowsOf(file), { fileName: "geo.csv", geocode });
      expect(summary.placed).toEqual({ coordinates: 1, town: 1, address: 1 });
      expect(asked).toEqual(["1 Main St, Ashby, VT", "9 Elsewhere Rd, Ashby, VT"]); // coordinates win: no lookup
      const placed = await caller(viewer).endorser.list({ campaignId: geocoded.id });
      expect(placed.find((endorser) => endorser.name === "Geo Bakery")).toMatchObject({ lon: -72.885, lat: 44.005, locationSource: "address" });
      expect(placed.find((endorser) => endorser.name === "Far Diner")).toMatchObject({ locationSource: "town" });
    });
  });

  describe("the endorser ladder", () => {
    it("moves an endorser with a private note, refuses a stale move, undoes the last change", async () => {
      const mayor = await byName("Mayor Lena Ortiz");
      const moved = await caller(organizer).endorser.setStep({ endorserId: mayor.id, step: "considering", source: "meeting", note: "Met at the diner", expectedStep: "asked" });
      expect(moved).toMatchObject({ step: "considering", changed: true });
      await expect(caller(organizer).endorser.setStep({ endorserId: mayor.id, step: "endorsed", expectedStep: "asked" })).rejects.toMatchObject({ code: "CONFLICT" });
      await caller(organizer).endorser.undoStep({ endorserId: mayor.id, expectedEventId: moved.eventId! });
      expect((await byName("Mayor Lena Ortiz")).step).toBe("asked");
      const history = await caller(viewer).endorser.history({ endorserId: mayor.id });
      expect(history.slice(-2).map((event) => [event.fromStep, event.toStep, event.source, event.note])).toEqual([
        ["asked", "considering", "meeting", "Met at the diner"],
        ["considering", "asked", "undo", null],
      ]);
      await expect(caller(viewer).endorser.setStep({ endorserId: mayor.id, step: "endorsed" })).rejects.toBeInstanceOf(TRPCError);
    });

    it("keeps steps endorsers stand at when the campaign edits its endorser ladder", async () => {
      const steps = campaign.endorserLadder.steps.filter((step) => step.id !== "considering");
      await expect(caller({ name: "Admin", role: "admin" }).campaign.update({ campaignId: campaign.id, endorserLadder: { steps } })).rejects.toThrow(
        'Cannot remove ladder steps that endorsers stand at: "Considering" (1); move them first',
      );
      const renamed = campaign.endorserLadder.steps.map((step) => (step.id === "asked" ? { ...step, label: "Asked in person" } : step));
      const updated = await caller({ name: "Admin", role: "admin" }).campaign.update({ campaignId: campaign.id, endorserLadder: { steps: renamed } });
      expect(updated.endorserLadder.steps[1]).toMatchObject({ id: "asked", label: "Asked in person" });
    });
  });

  describe("public and private", () => {
    it("shows anonymous readers only endorsers who agreed, with public fields, and their step only when it is public", async () => {
      const visible = await caller(anonymous).public.endorsers({ campaign: campaign.slug });
      expect(visible.map((endorser) => [endorser.name, endorser.step])).toEqual([
        ["Ashby Family Medicine", "active_partner"],
        ["Brookfield Food Co-op", null],
      ]);
      const text = JSON.stringify(visible);
      for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
      expect(Object.keys(visible[0]!).sort()).toEqual(["category", "id", "lat", "linkedBodyId", "lon", "name", "publicContact", "state", "step", "town", "townBodyId", "website"]);
      await expect(caller(anonymous).endorser.list({ campaignId: campaign.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      await expect(caller(anonymous).endorser.history({ endorserId: visible[0]!.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    });

    it("exports every column for members (round-tripping through the import) and only the public part with publicOnly", async () => {
      const { db } = getDatabase();
      const csv = toCsv(await exportEndorsers(db, campaign, { publicOnly: false, withGeometry: false }), [...ENDORSER_COLUMNS]);
      expect(csv).toContain(SECRET.privateContact);
      expect(await importFile(csv)).toMatchObject({ created: [], updated: [], unchanged: ["Ashby Family Medicine", "Brookfield Food Co-op", "Mayor Lena Ortiz"] });
      const publicCsv = toCsv(await exportEndorsers(db, campaign, { publicOnly: true, withGeometry: false }), [...PUBLIC_ENDORSER_COLUMNS]);
      expect(publicCsv.split(/\r?\n/)[0]).toBe("name,category,town,state,lat,lon,step,website,public_contact");
      expect(publicCsv).not.toContain("Ortiz");
      for (const secret of Object.values(SECRET)) expect(publicCsv).not.toContain(secret);
      const geojson = await exportEndorsers(db, campaign, { publicOnly: true, withGeometry: true });
      expect(geojson[1]).toMatchObject({ name: "Brookfield Food Co-op", geometry: { type: "Point", coordinates: [-72.875, 44.012] } });
    });
  });
});
