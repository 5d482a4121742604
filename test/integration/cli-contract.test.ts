import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_KINDS } from "../../shared/model/import-request";
import { runCliInProcess, type CliResult } from "../helpers/cli";
import { squarePolygon } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Spellings the command-line contract in PRODUCT.md documents, one case each: `--kind town`,
 * the chambers, `--parent NAME|ID`. Runs through the bin's own `run(argv, io)` in this process.
 */

let folder: string;
const layer = (file: string, names: string[], geoidBase: number) => {
  const features = names.map((name, index) => ({
    type: "Feature",
    properties: { NAME: name, GEOID: String(geoidBase + index) },
    geometry: squarePolygon([-71.8 + index * 0.1, 41.5], 0.08),
  }));
  const target = path.join(folder, file);
  fs.writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features }));
  return target;
};

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-cli-contract-"));
});
afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

function expectSuccess(result: CliResult) {
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toBe("");
}

forEachEngine(
  (getDatabase) => {
    const cli = (...argv: string[]) => runCliInProcess(argv, getDatabase().env);
    const kindOf = async (name: string) => (await getDatabase().db.selectFrom("body").select("kind").where("name", "=", name).executeTakeFirstOrThrow()).kind;

    describe("--kind spellings", () => {
      const cases: Array<[spelling: string, kind: string]> = [
        ["town", "town_meeting"],
        ["town_meeting", "town_meeting"],
        ["Town-Meeting", "town_meeting"],
        ["city_council", "city_council"],
        ["select board", "select_board"],
        ["county_board", "county_board"],
      ];
      for (const [index, [spelling, kind]] of cases.entries()) {
        it(`--kind "${spelling}" imports ${kind} bodies`, async () => {
          const name = `Kind case ${index}`;
          expectSuccess(await cli("import", layer(`kind-${index}.geojson`, [name], 4488000100 + index), "--as", "bodies", "--kind", spelling, "--no-overlaps"));
          expect(await kindOf(name)).toBe(kind);
        });
      }

      it("still refuses a kind that is no kind, listing the kinds", async () => {
        const result = await cli("import", layer("kind-bad.geojson", ["Nowhere"], 4488000199), "--as", "bodies", "--kind", "parliament");
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^groundswell: --kind "parliament" is not a body kind; use one of city_council, /);
      });
    });

    describe("--kind-field: a file mixing cities and towns", () => {
      const mixed = (file: string, types: string[]) => {
        const features = types.map((type, index) => ({
          type: "Feature",
          properties: { TOWN: `Mixed ${index + 1}`, TYPE: type },
          geometry: squarePolygon([-71.8 + index * 0.1, 41.2], 0.08),
        }));
        const target = path.join(folder, file);
        fs.writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features }));
        return target;
      };

      it("takes each feature's kind from the field (C, T, or a kind), and updates them in place on a second import", async () => {
        const file = mixed("mixed.geojson", ["C", "T", "select board"]);
        expectSuccess(await cli("import", file, "--as", "bodies", "--kind-field", "type", "--state", "RI", "--no-overlaps"));
        expect([await kindOf("Mixed 1"), await kindOf("Mixed 2"), await kindOf("Mixed 3")]).toEqual(["city_council", "town_meeting", "select_board"]);
        expectSuccess(await cli("import", file, "--as", "bodies", "--kind-field", "TYPE", "--state", "RI", "--no-overlaps"));
        const rows = await getDatabase().db.selectFrom("body").select("name").where("name", "like", "Mixed %").execute();
        expect(rows).toHaveLength(3);
      });

      it("refuses a value that names no kind, or a field the file lacks, in one line, writing nothing", async () => {
        const before = await getDatabase().db.selectFrom("body").select("id").execute();
        const bad = await cli("import", mixed("mixed-bad.geojson", ["C", "Village"]), "--as", "bodies", "--kind-field", "TYPE", "--state", "RI", "--no-overlaps");
        expect(bad.status).toBe(2);
        expect(bad.stderr).toBe('groundswell: feature #2: TYPE is "Village", not a kind; use C or T, city or town, or a kind such as select_board\n');
        const missing = await cli("import", mixed("mixed-none.geojson", ["C"]), "--as", "bodies", "--kind-field", "KIND", "--no-overlaps");
        expect(missing.status).toBe(2);
        expect(missing.stderr).toBe('groundswell: --kind-field "KIND": not in this file; its fields are: TOWN, TYPE\n');
        expect(await getDatabase().db.selectFrom("body").select("id").execute()).toEqual(before);
      });
    });

    describe("the vertex cap per file: --max-vertices and GROUNDSWELL_MAX_VERTICES raise or lower it", () => {
      // 300 features of 5 vertices each: 1,500 vertices.
      const many = () => {
        const features = Array.from({ length: 300 }, (_, index) => ({
          type: "Feature",
          properties: { NAME: `Capped ${index + 1}` },
          geometry: squarePolygon([-71.9 + (index % 20) * 0.01, 41.0 + Math.floor(index / 20) * 0.01], 0.008),
        }));
        const target = path.join(folder, "capped.geojson");
        fs.writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features }));
        return target;
      };
      const refusal =
        "groundswell: the file has more than 1,000 vertices (the cap per file); simplify or split it, or raise the cap: groundswell import --max-vertices N, or GROUNDSWELL_MAX_VERTICES\n";

      it("refuses a file over the cap in one line, writing nothing, and imports it once the cap is raised", async () => {
        const before = await getDatabase().db.selectFrom("body").select("id").execute();
        const lowered = await cli("import", many(), "--as", "bodies", "--state", "RI", "--no-overlaps", "--max-vertices", "1000");
        expect([lowered.status, lowered.stderr]).toEqual([2, refusal]);
        const byEnvironment = await runCliInProcess(["import", many(), "--as", "bodies", "--state", "RI", "--no-overlaps"], {
          ...getDatabase().env,
          GROUNDSWELL_MAX_VERTICES: "1000",
        });
        expect([byEnvironment.status, byEnvironment.stderr]).toEqual([2, refusal]);
        expect(await getDatabase().db.selectFrom("body").select("id").execute()).toEqual(before);
        expectSuccess(
          await runCliInProcess(["import", many(), "--as", "bodies", "--state", "RI", "--no-overlaps", "--max-vertices", "2,000"], {
            ...getDatabase().env,
            GROUNDSWELL_MAX_VERTICES: "1000",
          }),
        );
        expect((await getDatabase().db.selectFrom("body").select("id").where("name", "like", "Capped %").execute()).length).toBe(300);
      });

      it("refuses a cap that is no number or out of range", async () => {
        expect((await cli("import", many(), "--as", "bodies", "--max-vertices", "lots")).stderr).toBe(
          'groundswell: --max-vertices "lots" must be a whole number from 1,000 to 100,000,000\n',
        );
        expect((await runCliInProcess(["import", many(), "--as", "bodies"], { ...getDatabase().env, GROUNDSWELL_MAX_VERTICES: "10" })).stderr).toMatch(
          /GROUNDSWELL_MAX_VERTICES must be at least 1000/,
        );
      });
    });

    describe("--as kinds the contract documents", () => {
      it("lists every documented kind in `import --help`", async () => {
        const help = await cli("import", "--help");
        const text = help.stdout.replace(/\s+/g, " ");
        for (const kind of IMPORT_KINDS) expect(text).toContain(kind);
      });

      it("refuses a kind that is none, listing the kinds, and writes nothing", async () => {
        const before = await getDatabase().db.selectFrom("body").select("id").execute();
        const result = await cli("import", layer("kind-none.geojson", ["Nokind"], 4488000400), "--as", "voters", "--campaign", "Any");
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(`groundswell: --as must be one of ${IMPORT_KINDS.join(", ")} (got "voters")\n`);
        expect(await getDatabase().db.selectFrom("body").select("id").execute()).toEqual(before);
      });
    });

    describe("import --as endorsers, export endorsers", () => {
      it("dry-runs, imports, and exports every column or only the public part", async () => {
        expectSuccess(
          await cli("import", layer("endorser-towns.geojson", ["Endorsetown", "Backerville"], 4488002000), "--as", "bodies", "--kind", "town", "--state", "RI", "--no-overlaps"),
        );
        expectSuccess(await cli("campaign", "add", "Endorse RI", "--state", "RI"));
        const file = path.join(folder, "endorsers.csv");
        fs.writeFileSync(
          file,
          "name,category,town,lat,lon,step,public,private_contact\nEndorsetown Clinic,medical_practice,Endorsetown,,,endorsed,yes,secret-cell-0101\nBackerville Union Local 7,union_local,Backerville,41.55,-71.65,asked,no,\n",
        );
        const dry = await cli("import", file, "--as", "endorsers", "--campaign", "Endorse RI", "--dry-run");
        expectSuccess(dry);
        expect(dry.stdout).toBe(
          'Would import 2 endorsers from endorsers.csv into "Endorse RI": 2 new, 0 updated, 0 unchanged.\nPlaced 1 by coordinates, 1 at their town\'s centre.\n  new: Endorsetown Clinic, Backerville Union Local 7\nDry run: nothing was written.\n',
        );
        expect(await getDatabase().db.selectFrom("endorser").select("id").execute()).toEqual([]);
        expectSuccess(await cli("import", file, "--as", "endorsers", "--campaign", "Endorse RI"));

        const full = await cli("export", "endorsers", "--format", "csv", "--campaign", "Endorse RI");
        expectSuccess(full);
        expect(full.stdout.split(/\r?\n/)[0]).toBe("name,category,town,state,address,lat,lon,step,public,website,public_contact,private_contact,note");
        expect(full.stdout).toContain("secret-cell-0101");
        const open = await cli("export", "endorsers", "--format", "csv", "--campaign", "Endorse RI", "--public");
        expectSuccess(open);
        expect(open.stdout.split(/\r?\n/).filter(Boolean)).toHaveLength(2);
        expect(open.stdout).toMatch(/^name,category,town,state,lat,lon,step,website,public_contact\r?\nEndorsetown Clinic,medical_practice,Endorsetown,RI,/);
        expect(open.stdout).not.toMatch(/secret|Union/);
        const geojson = JSON.parse((await cli("export", "endorsers", "--format", "geojson", "--campaign", "Endorse RI", "--public")).stdout) as GeoJSON.FeatureCollection;
        expect(geojson.features.map((feature) => feature.geometry.type)).toEqual(["Point"]);
      });

      it("refuses a row without a town in one line naming it, and writes nothing", async () => {
        const file = path.join(folder, "endorsers-bad.csv");
        fs.writeFileSync(file, "name,town\nNo Town Bakery,\n");
        const result = await cli("import", file, "--as", "endorsers", "--campaign", "Endorse RI");
        expect(result.status).toBe(2);
        expect(result.stderr).toBe("groundswell: 1 problem, nothing imported: line 2: no town\n");
        const missing = await cli("import", file, "--as", "endorsers");
        expect(missing.stderr).toBe("groundswell: --campaign is required for endorsers: the campaign they endorse\n");
      });
    });

    describe("--chamber spellings", () => {
      for (const [index, [spelling, chamber]] of (
        [
          ["state_lower", "state_lower"],
          ["state_upper", "state_upper"],
          ["congressional", "congressional"],
          ["state-lower", "state_lower"],
        ] as const
      ).entries()) {
        it(`--chamber ${spelling} imports ${chamber} districts`, async () => {
          const file = layer(`chamber-${index}.geojson`, [`Chamber case ${index}`], 4488000300 + index);
          expectSuccess(await cli("import", file, "--as", "districts", "--chamber", spelling, "--state", "RI", "--vintage", `20${30 + index}`, "--no-overlaps"));
          const row = await getDatabase().db.selectFrom("district").select("chamber").where("name", "=", `Chamber case ${index}`).executeTakeFirstOrThrow();
          expect(row.chamber).toBe(chamber);
        });
      }
    });

    describe("one state-code check for every kind", () => {
      it('refuses "ZZ" with the same line whatever is imported, and writes nothing', async () => {
        const roster = path.join(folder, "ri.csv");
        fs.writeFileSync(roster, "id,name,current_party,current_district,current_chamber\nocd-person/11111111-2222-4333-8444-555555555555,Teresa Kowalczyk,Democratic,1,lower\n");
        const names = path.join(folder, "cosponsors.txt");
        fs.writeFileSync(names, "Teresa Kowalczyk\n");
        const hubs = path.join(folder, "hubs.csv");
        fs.writeFileSync(hubs, "name\nNorth hub\n");
        const boundary = layer("zz.geojson", ["Nowhere town"], 4488001000);
        for (const argv of [
          [roster, "--as", "legislators"],
          [names, "--as", "cosponsors"],
          [hubs, "--as", "hubs"],
          [boundary, "--as", "bodies"],
          [boundary, "--as", "districts", "--chamber", "state_lower"],
        ]) {
          const result = await cli("import", ...argv, "--state", "ZZ");
          expect(result.status, argv.join(" ")).toBe(2);
          expect(result.stderr, argv.join(" ")).toBe('groundswell: --state "ZZ" is not a USPS state code (e.g. MA, RI)\n');
        }
        expect(await getDatabase().db.selectFrom("legislator").select("id").execute()).toEqual([]);
        expect(await getDatabase().db.selectFrom("hub").select("id").execute()).toEqual([]);
      });
    });

    describe("import --as legislators --dry-run", () => {
      it("reports who would be seated and writes nothing; without it, imports", async () => {
        const roster = path.join(folder, "ri-dry.csv");
        fs.writeFileSync(roster, "id,name,current_party,current_district,current_chamber\nocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,2,lower\n");
        const dry = await cli("import", roster, "--as", "legislators", "--state", "ri", "--dry-run");
        expectSuccess(dry);
        expect(dry.stdout).toMatch(/^Would import 1 RI legislators from ri-dry\.csv: 1 new, 0 updated;/);
        expect(dry.stdout).toMatch(/\nDry run: nothing was written\.\n$/);
        expect(await getDatabase().db.selectFrom("legislator").select("name").execute()).toEqual([]);
        const audited = await getDatabase().db.selectFrom("auditEvent").select("action").where("action", "=", "import legislators").execute();
        expect(audited).toEqual([]);

        const real = await cli("import", roster, "--as", "legislators", "--state", "RI");
        expectSuccess(real);
        expect(real.stdout).toMatch(/^Imported 1 RI legislators/);
        expect(await getDatabase().db.selectFrom("legislator").select("name").execute()).toEqual([{ name: "Marcus Oyelaran" }]);
        expect(await getDatabase().db.selectFrom("auditEvent").select("action").where("action", "=", "import legislators").execute()).toHaveLength(1);
      });
    });

    describe("--parent NAME|ID", () => {
      const parentOf = async (name: string) => (await getDatabase().db.selectFrom("body").select("parentId").where("name", "=", name).executeTakeFirstOrThrow()).parentId;
      let cityIds: { ri: number; ma: number };

      beforeAll(async () => {
        // Two cities called Newport, in two states.
        expectSuccess(await cli("import", layer("newport-ri.geojson", ["Newport"], 4488000500), "--as", "bodies", "--state", "RI", "--no-overlaps"));
        expectSuccess(await cli("import", layer("newport-ma.geojson", ["Newport"], 2588000500), "--as", "bodies", "--state", "MA", "--no-overlaps"));
        const rows = await getDatabase().db.selectFrom("body").select(["id", "state"]).where("name", "=", "Newport").execute();
        cityIds = { ri: rows.find((row) => row.state === "RI")!.id, ma: rows.find((row) => row.state === "MA")!.id };
      });

      it("takes a body's id", async () => {
        expectSuccess(
          await cli("import", layer("wards-id.geojson", ["Ward by id"], 4488000600), "--as", "bodies", "--kind", "ward_committee", "--parent", String(cityIds.ma), "--no-overlaps"),
        );
        expect(await parentOf("Ward by id")).toBe(cityIds.ma);
      });

      it("takes a body's name with --state", async () => {
        const file = layer("wards-name.geojson", ["Ward by name"], 4488000700);
        expectSuccess(await cli("import", file, "--as", "bodies", "--kind", "ward_committee", "--state", "RI", "--parent", "newport", "--no-overlaps"));
        expect(await parentOf("Ward by name")).toBe(cityIds.ri);
      });

      it("asks for --state when the name is in several states, and writes nothing", async () => {
        const result = await cli("import", layer("wards-ambiguous.geojson", ["Ward unsure"], 4488000800), "--as", "bodies", "--kind", "ward_committee", "--parent", "Newport");
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          `groundswell: --parent "Newport" names 2 bodies: ${cityIds.ri} (city_council, RI), ${cityIds.ma} (city_council, MA); give --state or the body's id\n`,
        );
        expect(await getDatabase().db.selectFrom("body").select("id").where("name", "=", "Ward unsure").execute()).toEqual([]);
      });

      it("refuses a name no body has, and an id no body has", async () => {
        const file = layer("wards-none.geojson", ["Ward none"], 4488000900);
        const byName = await cli("import", file, "--as", "bodies", "--state", "RI", "--parent", "Atlantis");
        expect(byName.stderr).toBe('groundswell: --parent "Atlantis": no body of that name in RI\n');
        const byId = await cli("import", file, "--as", "bodies", "--parent", "99999");
        expect(byId.stderr).toBe("groundswell: --parent 99999: no body with that id\n");
      });
    });
  },
  { sqliteOnDisk: true },
);
