import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useAppSession } from "./drivers/session";
import { browserEngines } from "./drivers/helper";

const repositoryRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Two made-up "congressional districts" splitting Rhode Island's five demo counties at
 * 41.6°N: enough to see outlines, the body panel's district list and the district panel.
 */
function writeDistrictFile(directory: string): string {
  const box = (south: number, north: number) => [[[-72, south], [-71, south], [-71, north], [-72, north], [-72, south]]];
  const file = path.join(directory, "ri-test-districts.geojson");
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { DISTRICT: "1" }, geometry: { type: "Polygon", coordinates: box(41.7, 42.1) } },
        { type: "Feature", properties: { DISTRICT: "2" }, geometry: { type: "Polygon", coordinates: box(41.0, 41.7) } },
      ],
    }),
  );
  return file;
}

for (const engine of browserEngines()) {
  describe(`district outlines and panels (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-districts`, (app) => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-districts-"));
      const imported = spawnSync(
        process.execPath,
        [path.join(repositoryRoot, "server/groundswell.mjs"), "import", writeDistrictFile(directory), "--as", "districts", "--chamber", "congressional", "--state", "RI", "--vintage", "2022"],
        { env: { ...process.env, ...app.database.env }, encoding: "utf8" },
      );
      fs.rmSync(directory, { recursive: true, force: true });
      if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
    });

    it("lists a body's districts and opens a district with its bodies", async () => {
      const { driver } = session();
      await driver.open();
      await driver.search("Kent County RI");
      await expect.poll(() => driver.panelTitle().innerText()).toBe("Kent County");
      const districtLinks = driver.page.locator(".districts .overlap-list button");
      await expect.poll(async () => (await districtLinks.allInnerTexts()).sort()).toEqual(["US House RI-1", "US House RI-2"]);

      await driver.page.getByLabel(/US House/).check();
      await expect.poll(() => driver.page.url()).toContain("layers=congressional");
      await driver.screenshot("01-body-with-districts");

      await districtLinks.filter({ hasText: "RI-1" }).click();
      const districtTitle = driver.page.locator("#district-panel-title");
      await expect.poll(() => districtTitle.innerText()).toBe("US House RI-1");
      const bodies = await driver.page.locator(".overlap-list li button").allInnerTexts();
      expect(bodies).toContain("Providence County");
      expect(bodies).toContain("Kent County");
      expect(bodies).not.toContain("Washington County");
      await driver.screenshot("02-district-panel");

      await driver.page.locator(".overlap-list li button", { hasText: "Providence County" }).click();
      await expect.poll(() => driver.panelTitle().innerText()).toBe("Providence County");
    });
  });
}
