import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useAppSession } from "./drivers/session";
import { browserEngines } from "./drivers/helper";
import { groundswell, writeRiHouseDistricts } from "./drivers/cli-setup";

/**
 * Two made-up "congressional districts" splitting Rhode Island's five demo counties at
 * 41.7°N: enough to see outlines, the body panel's district list and the district panel.
 */
for (const engine of browserEngines()) {
  describe(`district outlines and panels (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-districts`, (app) => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-districts-"));
      try {
        groundswell(app, "import", writeRiHouseDistricts(directory), "--as", "districts", "--chamber", "congressional", "--state", "RI", "--vintage", "2022");
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
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
