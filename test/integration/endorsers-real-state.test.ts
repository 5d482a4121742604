import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { beforeAll, describe, expect, it } from "vitest";
import { ENDORSER_CATEGORIES, type EndorserCategory } from "../../shared/model/endorser";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { createRandom } from "../fixtures/geo/synthetic";
import { runCliInProcess } from "../helpers/cli";
import { leakedFields } from "../helpers/private-markers";
import { needsSharedFixtures, sharedFixture } from "../helpers/shared-fixtures";
import { enginesUnderTest, forEachEngine } from "../helpers/test-db";

/**
 * Issue 17's "Done when": 200 real-looking endorsers across Rhode Island (its real RIGIS towns and
 * 2022 House plan from ../shared/fixtures) import through `groundswell import --as endorsers`,
 * first as a dry run that writes nothing, then for real; every House district's page (the brief's
 * data) counts exactly the endorsers an independent computation places in it (turf
 * point-in-polygon on the fixture's own district outlines for endorsers with coordinates, the
 * town's stored overlaps for those placed at their town); and no private value (address, private
 * contact, note, the name of someone who did not agree to be listed) reaches a public surface.
 */

const TESTS = 3;
const present = needsSharedFixtures(TESTS * enginesUnderTest().length);

const ENDORSERS = 200;
const CAMPAIGN = "Rhode Island endorsers";
const anonymous: Actor = { name: "Anonymous", role: "public" };

/** How an endorser of each category is named, the way a campaign's spreadsheet would list them. */
const NAMES: Record<EndorserCategory, (town: string, word: string) => string> = {
  business: (town, word) => `${word} Hardware of ${town}`,
  nonprofit: (town, word) => `${town} ${word} Food Pantry`,
  union_local: (_town, word) => `${word} Nurses Union Local`,
  faith_congregation: (town, word) => `${word} Congregational Church of ${town}`,
  medical_practice: (town, word) => `${word} Family Medicine ${town}`,
  party_committee: (town) => `${town} Town Committee`,
  organisation: (town, word) => `${town} ${word} Neighborhood Association`,
  mayor: (town) => `Mayor of ${town}`,
  councillor: (_town, word) => `Councillor Pat ${word}`,
  select_board_member: (_town, word) => `Town Council member Lee ${word}`,
  clergy: (_town, word) => `Rev. Sam ${word}`,
  doctor: (_town, word) => `Dr. Alex ${word}`,
  person: (_town, word) => `Jordan ${word}`,
};
const WORDS = ["Harbor", "Narragansett", "Blackstone", "Pawtuxet", "Ocean State", "Hope", "Elmwood", "Riverside", "Greenwich", "Seekonk", "Wood River", "Quahog"];
const STEPS = ["identified", "asked", "considering", "endorsed", "endorsed", "endorsed", "active_partner", "declined"];

interface Planned {
  row: string[];
  name: string;
  town: string;
  point: [number, number] | null;
  listed: boolean;
  counts: boolean;
  secrets: string[];
}

/** A random point inside the town's outline (tries points in its box until one falls inside). */
function pointInside(town: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>, random: () => number): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = boxOf(town.geometry);
  for (;;) {
    const point: [number, number] = [Number((minLon + random() * (maxLon - minLon)).toFixed(5)), Number((minLat + random() * (maxLat - minLat)).toFixed(5))];
    if (booleanPointInPolygon(point, town)) return point;
  }
}

function boxOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number, number, number] {
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of rings.flat()) {
    box[0] = Math.min(box[0], lon!);
    box[1] = Math.min(box[1], lat!);
    box[2] = Math.max(box[2], lon!);
    box[3] = Math.max(box[3], lat!);
  }
  return box;
}

/**
 * 200 endorsers over the towns: every category, 55 % at coordinates inside their town, the rest
 * town-only (some with a street address), two in three listed, private contacts and notes on many.
 */
function planEndorsers(towns: ReadonlyArray<{ name: string; feature: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> }>): Planned[] {
  const random = createRandom(17_200); // seeded: the same 200 endorsers on every run and engine
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const planned: Planned[] = [];
  const used = new Set<string>();
  for (let index = 0; planned.length < ENDORSERS; index++) {
    const town = pick(towns);
    const category = ENDORSER_CATEGORIES[index % ENDORSER_CATEGORIES.length]!;
    const name = NAMES[category](town.name, pick(WORDS));
    // Names are unique and none holds another, so finding one in a page means that endorser.
    if ([...used].some((other) => other.includes(name) || name.includes(other))) continue;
    used.add(name);
    const point = random() < 0.55 ? pointInside(town.feature, random) : null;
    const listed = random() < 0.67;
    const step = pick(STEPS);
    const tag = `${index.toString(36)}x${Math.floor(random() * 1e9).toString(36)}`;
    const address = !point && random() < 0.3 ? `${10 + index} Secret Lane ${tag}` : "";
    const contact = random() < 0.7 ? `private-${tag}@mail.example` : "";
    const note = random() < 0.6 ? `Note ${tag}: treasurer wavers` : "";
    const website = random() < 0.5 ? `https://www.example.org/${name.toLowerCase().replace(/[^a-z]+/g, "-")}` : "";
    planned.push({
      row: [name, category, town.name, "RI", address, point ? String(point[1]) : "", point ? String(point[0]) : "", step, listed ? "yes" : "no", website, contact, note],
      name,
      town: town.name,
      point,
      listed,
      counts: listed && (step === "endorsed" || step === "active_partner"),
      secrets: [address, contact, note, ...(listed ? [] : [name])].filter(Boolean),
    });
  }
  return planned;
}

const csvCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

// The CLI runs against the test's database: a file on SQLite, so both see the same rows.
forEachEngine(
  (getDatabase) => {
    describe.skipIf(!present)("200 endorsers across Rhode Island", () => {
      let planned: Planned[] = [];
      let campaignId = 0;
      let file = "";
      const houseOutlines = new Map<string, GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>>();
      const cli = (argv: string[]) => runCliInProcess(argv, getDatabase().env);

      beforeAll(async () => {
        const { db } = getDatabase();
        for (const argv of [
          ["import", sharedFixture("ri/ri_municipalities_rigis.geojson"), "--as", "bodies", "--kind", "town_meeting", "--state", "RI"],
          ["import", sharedFixture("ri/ri_house_districts_2022.geojson"), "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022"],
          ["campaign", "add", CAMPAIGN, "--state", "RI"],
        ]) {
          const result = await cli(argv);
          expect(result.status, `${argv.join(" ")}: ${result.stderr}`).toBe(0);
        }
        campaignId = (await db.selectFrom("campaign").select("id").where("name", "=", CAMPAIGN).executeTakeFirstOrThrow()).id;
        const towns = await db.selectFrom("body").select(["name", "geometry"]).where("state", "=", "RI").orderBy("name").execute();
        planned = planEndorsers(
          towns.map((town) => ({ name: town.name, feature: { type: "Feature", properties: {}, geometry: JSON.parse(town.geometry) as GeoJSON.Polygon | GeoJSON.MultiPolygon } })),
        );
        const header = "name,category,town,state,address,lat,lon,step,public,website,private_contact,note";
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-ri-endorsers-")), "ri-endorsers.csv");
        fs.writeFileSync(file, `${[header, ...planned.map((entry) => entry.row.map(csvCell).join(","))].join("\n")}\n`);
        // The district outlines as the file has them: the independent side of the count.
        const house = JSON.parse(fs.readFileSync(sharedFixture("ri/ri_house_districts_2022.geojson"), "utf8")) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
        for (const feature of house.features) houseOutlines.set(String(feature.properties?.DISTRICT), feature);
      }, 300_000);

      it("imports with a dry run that writes nothing, then for real: every category, by point and by town, listed or not", async () => {
        const { db } = getDatabase();
        expect(new Set(planned.map((entry) => entry.row[1])).size).toBe(ENDORSER_CATEGORIES.length);
        expect(new Set(planned.map((entry) => entry.town)).size).toBeGreaterThanOrEqual(30);
        const byPoint = planned.filter((entry) => entry.point).length;
        expect(byPoint).toBeGreaterThan(80);
        expect(byPoint).toBeLessThan(140);

        const dryRun = await cli(["import", file, "--as", "endorsers", "--campaign", CAMPAIGN, "--dry-run"]);
        expect(dryRun.status, dryRun.stderr).toBe(0);
        expect(dryRun.stdout).toMatch(/200 new/);
        expect((await db.selectFrom("endorser").select(db.fn.countAll<number>().as("count")).executeTakeFirstOrThrow()).count).toBe(0);

        const real = await cli(["import", file, "--as", "endorsers", "--campaign", CAMPAIGN]);
        expect(real.status, real.stderr).toBe(0);
        const rows = await db.selectFrom("endorser").select(["name", "lat", "lon", "locationSource", "isPublic"]).execute();
        expect(rows).toHaveLength(ENDORSERS);
        const stored = new Map(rows.map((row) => [row.name, row]));
        for (const entry of planned) {
          const row = stored.get(entry.name)!;
          expect(row.locationSource, entry.name).toBe(entry.point ? "coordinates" : "town");
          if (entry.point) expect([Number(row.lon), Number(row.lat)]).toEqual(entry.point);
        }
      }, 120_000);

      it("counts in each House district's page exactly the endorsers turf places there (by point) or the town overlaps (by town)", async () => {
        const { db } = getDatabase();
        const caller = createCaller({ db, actor: anonymous });
        const districts = await db.selectFrom("district").select(["id", "name"]).where("chamber", "=", "state_lower").where("state", "=", "RI").execute();
        expect(districts).toHaveLength(75);
        const overlaps = await db
          .selectFrom("bodyDistrictOverlap")
          .innerJoin("body", "body.id", "bodyDistrictOverlap.bodyId")
          .select(["body.name as town", "bodyDistrictOverlap.districtId"])
          .execute();
        const counted = planned.filter((entry) => entry.counts);
        let total = 0;
        const summary: string[] = [];
        for (const district of districts) {
          const outline = houseOutlines.get(district.name)!;
          const towns = new Set(overlaps.filter((row) => row.districtId === district.id).map((row) => row.town));
          const expected = counted
            .filter((entry) => (entry.point ? booleanPointInPolygon(entry.point, outline) : towns.has(entry.town)))
            .map((entry) => entry.name)
            .sort();
          const page = (await caller.district.get({ campaignId, districtId: district.id })).endorsers;
          expect(page.endorsers.map((entry) => entry.name).sort(), `House ${district.name}`).toEqual(expected);
          expect(page.count, `House ${district.name}`).toBe(expected.length);
          total += page.count;
          if (page.summary) summary.push(`House ${district.name}: ${page.summary}`);
        }
        // Every counted endorser with coordinates lies in exactly one district (the plan covers the towns' land).
        for (const entry of counted.filter((candidate) => candidate.point)) {
          expect(
            [...houseOutlines.values()].filter((outline) => booleanPointInPolygon(entry.point!, outline)),
            entry.name,
          ).toHaveLength(1);
        }
        console.log(
          `${counted.length} of ${ENDORSERS} endorsers count (listed, at a public step); ${total} district listings over ${districts.length} House districts; ${summary.length} districts with endorsers, e.g. ${summary[0]}`,
        );
        expect(total).toBeGreaterThanOrEqual(counted.length);
      }, 120_000);

      it("shows listed endorsers on the public map and no private value on any public surface", async () => {
        const { db } = getDatabase();
        const caller = createCaller({ db, actor: anonymous });
        const secrets = new Map(planned.flatMap((entry, index) => entry.secrets.map((secret, which) => [`endorser ${index} secret ${which}`, secret] as const)));
        expect(secrets.size).toBeGreaterThan(150);
        // Proves the search can fail: every secret is in the database.
        const stored = JSON.stringify(await db.selectFrom("endorser").selectAll().execute());
        expect(leakedFields(secrets, stored)).toHaveLength(secrets.size);

        const listed = await caller.public.endorsers({ campaign: campaignId });
        expect(listed.map((entry) => entry.name).sort()).toEqual(
          planned
            .filter((entry) => entry.listed)
            .map((entry) => entry.name)
            .sort(),
        );
        for (const entry of listed) expect(entry.lat !== null && entry.lon !== null, entry.name).toBe(true);

        const districts = await db.selectFrom("district").select("id").execute();
        const surfaces: Array<[string, unknown]> = [
          ["public.endorsers", listed],
          ["public.campaign", await caller.public.campaign({ campaign: campaignId })],
          ["public.map", await caller.public.map({ campaign: campaignId })],
          ["legislator.targets", await caller.legislator.targets({ campaignId })],
          ["district.get", await Promise.all(districts.map((district) => caller.district.get({ campaignId, districtId: district.id })))],
        ];
        for (const format of ["csv", "geojson"]) {
          const exported = await runCliInProcess(["export", "endorsers", "--format", format, "--campaign", CAMPAIGN, "--public"], getDatabase().env);
          expect(exported.status, exported.stderr).toBe(0);
          surfaces.push([`export endorsers --public --format ${format}`, exported.stdout]);
        }
        for (const [surface, output] of surfaces) expect(leakedFields(secrets, typeof output === "string" ? output : JSON.stringify(output)), surface).toEqual([]);
        // The signed-in export has them: the same command without --public is where they go.
        const full = await runCliInProcess(["export", "endorsers", "--format", "csv", "--campaign", CAMPAIGN], getDatabase().env);
        expect(leakedFields(secrets, full.stdout).length).toBeGreaterThan(0);
      }, 120_000);
    });
  },
  { sqliteOnDisk: true },
);
