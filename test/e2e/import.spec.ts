import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useAppSession } from "./drivers/session";
import { browserEngines } from "./drivers/helper";

const badDir = path.resolve(import.meta.dirname, "../fixtures/bad");
const TOWNS = ["Quarry Hill", "Saltmarsh", "Upper Glen", "Wrenfield"];

/** Four made-up towns: squares in a 2 × 2 block in Rhode Island, each with a GEOID. */
function writeTownFile(directory: string): string {
  const square = (west: number, south: number) => [
    [
      [west, south],
      [west + 0.1, south],
      [west + 0.1, south + 0.1],
      [west, south + 0.1],
      [west, south],
    ],
  ];
  const file = path.join(directory, "e2e-towns.geojson");
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "FeatureCollection",
      features: TOWNS.map((name, index) => ({
        type: "Feature",
        properties: { TOWN: name.toUpperCase(), GEOID: String(4498000001 + index), ACRES: 6000 + index },
        geometry: { type: "Polygon", coordinates: square(-71.75 + (index % 2) * 0.1, 41.55 + Math.floor(index / 2) * 0.1) },
      })),
    }),
  );
  return file;
}

/**
 * Two made-up State House districts splitting Rhode Island at 71.6° W, with finely drawn edges
 * (about 3 MB), so the upload takes long enough on a throttled connection to watch its progress.
 */
function writeDistrictFile(directory: string): string {
  const edge = (from: [number, number], to: [number, number], steps: number) =>
    Array.from({ length: steps }, (_, index) => {
      const t = index / steps;
      const wiggle = 0.0005 * Math.sin(index / 7);
      return [from[0] + (to[0] - from[0]) * t + wiggle, from[1] + (to[1] - from[1]) * t + wiggle];
    });
  const district = (west: number, east: number) => {
    const corners: Array<[number, number]> = [
      [west, 41.3],
      [east, 41.3],
      [east, 42.05],
      [west, 42.05],
    ];
    const ring = corners.flatMap((corner, index) => edge(corner, corners[(index + 1) % 4]!, 12_000));
    return { type: "Polygon", coordinates: [[...ring, ring[0]]] };
  };
  const file = path.join(directory, "e2e-house-districts.geojson");
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { SLDLST: "001", NAMELSAD: "State House District 1" }, geometry: district(-71.95, -71.6) },
        { type: "Feature", properties: { SLDLST: "002", NAMELSAD: "State House District 2" }, geometry: district(-71.6, -71.1) },
      ],
    }),
  );
  return file;
}

for (const engine of browserEngines()) {
  describe(`the Import screen (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-import`);
    let directory: string;

    beforeAll(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-import-e2e-"));
    });

    afterAll(() => {
      if (directory) fs.rmSync(directory, { recursive: true, force: true });
    });

    it("refuses a broken file with a plain one-line reason and stays on the first step", async () => {
      const { driver } = session();
      await driver.signInAs("admin");
      await driver.open();
      await driver.openImport();
      await driver.screenshot("01-choose-file");
      await driver.chooseBoundaryFile(path.join(badDir, "not-json.geojson"));
      await expect.poll(() => driver.importError().innerText()).toContain("Groundswell could not read not-json.geojson");
      expect(await driver.importError().innerText()).toContain("not valid JSON");
      expect(await driver.importDialog().getByRole("button", { name: "Choose a file…" }).isVisible()).toBe(true);
      await driver.screenshot("02-refused-file");
    });

    it("previews a file, imports it as bodies and shows them on the map", async () => {
      const { driver } = session();
      const before = await driver.legendTotal();
      await driver.chooseBoundaryFile(writeTownFile(directory));
      expect(await driver.previewFeatureCount()).toBe(4);
      expect(await driver.previewShapesDrawn()).toBe(4);
      // The guessed fields are preselected: TOWN for the name, GEOID for the id.
      expect(
        await driver
          .importDialog()
          .getByLabel(/^Field with the name/)
          .inputValue(),
      ).toBe("TOWN");
      expect(
        await driver
          .importDialog()
          .getByLabel(/^Field with a stable id/)
          .inputValue(),
      ).toBe("GEOID");
      // The publisher is guessed from the file's name (none known here: the name itself), and credited once changed.
      expect(await driver.publisherGuess()).toBe("e2e-towns.geojson");
      await driver.describeImport({ as: "bodies", kind: "select_board", state: "RI", publisher: "Quarry County GIS office" });
      await driver.screenshot("03-preview");

      await driver.confirmImport();
      expect(await driver.importResult("read")).toBe(4);
      expect(await driver.importResult("created")).toBe(4);
      expect(await driver.importResult("updated")).toBe(0);
      await driver.screenshot("04-result");

      await driver.backToMap();
      await expect.poll(() => driver.legendTotal(), { timeout: 30_000 }).toBe(before + 4);
      await expect.poll(() => driver.mapCredit()).toContain("Quarry County GIS office");
      await driver.search("Saltmarsh");
      await expect.poll(() => driver.panelTitle().innerText()).toBe("Saltmarsh");
      await driver.screenshot("05-new-body-on-the-map");
    });

    it("shows upload progress for a bigger file, then imports it as districts with their overlaps", async () => {
      const { driver } = session();
      const file = writeDistrictFile(directory);
      expect(fs.statSync(file).size).toBeGreaterThan(2_000_000);
      await driver.openImport();
      await driver.slowUploadsTo(1_000_000);
      await driver.startChoosingBoundaryFile(file);
      await expect.poll(async () => (await driver.uploadProgress()) ?? 0, { timeout: 20_000 }).toBeGreaterThan(0.1);
      const midway = await driver.uploadProgress();
      expect(midway).toBeLessThan(1);
      await driver.screenshot("06-upload-progress");
      await driver.waitForPreview();
      await driver.slowUploadsTo(-1);
      expect(await driver.previewFeatureCount()).toBe(2);
      await driver.describeImport({ as: "districts", chamber: "state_lower", state: "RI" });
      // SLDLST is the Census district number field: the guess for districts.
      expect(
        await driver
          .importDialog()
          .getByLabel(/^Field with the district/)
          .inputValue(),
      ).toBe("SLDLST");
      await driver.screenshot("07-district-preview");

      await driver.confirmImport();
      expect(await driver.importResult("created")).toBe(2);
      await expect.poll(() => driver.importOverlapLine().innerText()).toMatch(/between [\d,]+ bodies and 2 current districts/);
      await driver.screenshot("08-district-result");
      await driver.backToMap();
      await expect.poll(() => driver.districtLayerToggle("State House").innerText(), { timeout: 30_000 }).toContain("(2)");
      await driver.screenshot("09-district-toggle");
    });

    it("imports the state's legislators from an Open States CSV: the state is guessed, a dry run names who matches, then they sit in their districts", async () => {
      const { app, driver } = session();
      const file = path.join(directory, "ri.csv");
      fs.writeFileSync(
        file,
        "id,name,current_party,current_district,current_chamber,email\n" +
          "ocd-person/11111111-2222-4333-8444-555555555555,Teresa Kowalczyk,Democratic,1,lower,tk@example.org\n" +
          "ocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,District 2,lower,\n" +
          "ocd-person/11111111-2222-4333-8444-777777777777,Nowhere Rep,Independent,9,lower,\n",
      );
      await driver.openImport();
      await driver.chooseLegislatorFile(file);
      expect(await driver.legislatorPreview().innerText()).toContain("3 legislators from the Open States CSV export (3 State House seats)");
      expect(await driver.legislatorState().inputValue()).toBe("RI");
      expect(await driver.legislatorSummary().innerText()).toBe("RI: 3 new, 0 updated. 2 of 3 legislators would be seated in a current district.");
      expect(await driver.legislatorsUnmatched()).toEqual(["Nowhere Rep: sits for RI State House 9, which no current district plan has"]);
      await driver.screenshot("10-legislator-dry-run");

      await driver.confirmLegislatorImport();
      expect(await driver.importHeadline().innerText()).toContain("Imported 3 legislators from ri.csv");
      expect(await driver.legislatorSummary().innerText()).toBe("RI: 3 new, 0 updated. 2 of 3 legislators are seated in a current district.");
      await driver.screenshot("11-legislator-result");
      await driver.backToMap();

      const districts = (await (await fetch(`${app.url}/trpc/district.list`)).json()) as { result: { data: Array<{ id: number; chamber: string; name: string }> } };
      const house1 = districts.result.data.find((district) => district.chamber === "state_lower" && district.name === "1")!;
      await driver.page.goto(`${app.url}/districts/${house1.id}`);
      await driver.page.locator("main.district-page[data-brief-ready='1']").waitFor();
      expect(await driver.page.locator(".legislator-card h2").allInnerTexts()).toEqual(["Teresa Kowalczyk"]);
      await driver.screenshot("12-district-page-with-legislator");
    });
  });
}
