import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EndorserDriver } from "./drivers/endorser-driver";
import { BriefDriver } from "./drivers/brief-driver";
import { groundswell, writeRiHouseDistricts } from "./drivers/cli-setup";
import { useAppSession } from "./drivers/session";
import { browserEngines, type RunningApp } from "./drivers/helper";

/**
 * Endorsers (issue 17), end to end: an admin brings in endorsers from the Import screen (dry run,
 * then import), moves a clinic in Providence to "Endorsed" in its panel, and the clinic shows in
 * House district 1's brief (printed too) and in Providence County's panel on the public page, at
 * desktop and phone size; the baker still at "asked" and the pantry that did not agree to be
 * listed show nowhere, and no private field reaches either page; district 1's legislator's page and
 * the targets view count it too. Districts: two made-up RI House districts split at 41.7°N (1
 * north, Marcus Oyelaran's).
 */

const PRIVATE = { contact: "PRIVATE-cell-401-555-0142", note: "PRIVATE-board-chair-wavers" };
const FILE = [
  "name,category,town,state,lat,lon,step,public,website,public_contact,private_contact,note",
  `Federal Hill Clinic,medical_practice,Providence County,RI,41.823,-71.425,considering,yes,https://fhclinic.example.org,front@fhclinic.example.org,${PRIVATE.contact},${PRIVATE.note}`,
  "Smith Hill Bakery,business,Providence County,RI,,,asked,yes,,,,",
  "Quiet Pantry,nonprofit,Providence County,RI,41.83,-71.41,endorsed,no,,,,",
].join("\n");

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-endorsers-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function prepare(app: RunningApp) {
  groundswell(app, "import", writeRiHouseDistricts(scratch), "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022");
  const people = path.join(scratch, "ri.csv");
  fs.writeFileSync(people, "id,name,current_party,current_district,current_chamber\nocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,1,lower\n");
  groundswell(app, "import", people, "--as", "legislators", "--state", "RI");
}

for (const engine of browserEngines()) {
  describe(`endorsers: import, the ladder, the brief and the public page (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-endorsers`, prepare);
    const districtOne = async () => {
      const { db } = session().app.database;
      return (await db.selectFrom("district").select("id").where("chamber", "=", "state_lower").where("state", "=", "RI").where("name", "=", "1").executeTakeFirstOrThrow()).id;
    };

    it("imports endorsers from the Import screen with a dry run first, then moves the clinic to Endorsed in its panel", async () => {
      const { app, driver } = session();
      const endorsers = new EndorserDriver(driver.page, app.url, `${engine}-endorsers`);
      const file = path.join(scratch, "providence-endorsers.csv");
      fs.writeFileSync(file, FILE);
      await driver.signInAs("admin");
      await driver.waitForMap();
      await driver.openImport();
      await endorsers.chooseEndorserFile(file);
      expect(await endorsers.endorserPreview().innerText()).toContain("endorsers (CSV), 3 rows, such as Federal Hill Clinic, Smith Hill Bakery, Quiet Pantry");
      expect(await endorsers.importSummary().innerText()).toMatch(
        /^3 endorsers into “.+”: 3 new, 0 updated, 0 unchanged would be saved\. Placed 2 by coordinates, 1 at their town’s centre\.$/,
      );
      const { db } = app.database;
      expect(await db.selectFrom("endorser").select("id").execute()).toEqual([]);
      await endorsers.screenshot("01-import-dry-run");
      await endorsers.confirmEndorserImport();
      expect(await endorsers.importHeadline().innerText()).toContain("Imported 3 endorsers from providence-endorsers.csv");
      expect((await db.selectFrom("endorser").select(["name", "step"]).orderBy("name").execute()).map((row) => `${row.name}: ${row.step}`)).toEqual([
        "Federal Hill Clinic: considering",
        "Quiet Pantry: endorsed",
        "Smith Hill Bakery: asked",
      ]);
      await driver.backToMap();

      await endorsers.openEndorser("Federal Hill Clinic");
      await endorsers.moveEndorserTo("Endorsed (public)", "Board voted yes on Tuesday");
      await expect.poll(() => endorsers.endorserPanel().locator(".history").innerText(), { timeout: 15_000 }).toMatch(/^History[\s\S]*Considering\s*→\s*Endorsed\s/);
      await endorsers.screenshot("02-endorser-panel");
      const events = await db
        .selectFrom("endorserStepEvent")
        .innerJoin("endorser", "endorser.id", "endorserStepEvent.endorserId")
        .select(["toStep", "endorserStepEvent.note"])
        .where("endorser.name", "=", "Federal Hill Clinic")
        .orderBy("endorserStepEvent.id")
        .execute();
      expect(events.map((event) => [event.toStep, event.note])).toEqual([
        ["considering", "CSV import"],
        ["endorsed", "Board voted yes on Tuesday"],
      ]);

      // The legend draws them on the map, coloured by step, with a count per step; off again hides them.
      await endorsers.endorserPanel().getByRole("button", { name: "Close panel" }).click();
      const shown = await endorsers.showEndorsersOnMap(true);
      expect(shown.visible).toBe(true);
      expect(shown.counts).toMatchObject({ asked: "1", considering: "0", endorsed: "2" });
      expect(shown.points).toBe(3);
      await endorsers.screenshot("02b-endorsers-on-map");
      const hidden = await endorsers.showEndorsersOnMap(false);
      expect([hidden.visible, hidden.counts]).toEqual([false, {}]);
    });

    it("lists the clinic in district 1's brief, printed on one page, at desktop and phone size", async () => {
      const { app, driver } = session();
      const endorsers = new EndorserDriver(driver.page, app.url, `${engine}-endorsers`);
      await endorsers.openDistrict(await districtOne());
      expect(await endorsers.briefLine()).toBe("1 local medical practice endorsed");
      expect(await endorsers.briefEndorsers()).toEqual(["Federal Hill Clinic"]);
      const page = await driver.page.locator("main.district-page").innerText();
      for (const hidden of ["Smith Hill Bakery", "Quiet Pantry", PRIVATE.contact, PRIVATE.note]) expect(page).not.toContain(hidden);
      expect(page).toContain("Counts endorsers at Endorsed or Active partner who agreed to be listed");
      await endorsers.screenshot("03-brief-desktop", { fullPage: true });
      const printed = await new BriefDriver(driver.page, app.url, `${engine}-endorsers`).printBrief("04-brief");
      expect(printed.pages).toBe(1);
      for (const words of ["Endorsers here (1)", "1 local medical practice endorsed", "Federal Hill Clinic"]) expect(printed.has(words), words).toBe(true);

      // The map's district panel says it too.
      expect(await endorsers.districtPanelEndorsers(await districtOne())).toBe("1 local medical practice endorsed");

      await driver.page.setViewportSize({ width: 390, height: 844 });
      await endorsers.openDistrict(await districtOne());
      expect(await endorsers.briefLine()).toBe("1 local medical practice endorsed");
      expect(await endorsers.pageWidth()).toBeLessThanOrEqual(390);
      await driver.page.getByTestId("district-endorsers").scrollIntoViewIfNeeded();
      await endorsers.screenshot("05-brief-phone");
      await driver.page.setViewportSize({ width: 1280, height: 800 });
    });

    it("counts the clinic on the legislator's page and in the targets view's Endorsers column, on a phone too", async () => {
      const { app, driver } = session();
      const endorsers = new EndorserDriver(driver.page, app.url, `${engine}-endorsers`);
      await endorsers.openTargets();
      expect(await endorsers.targetsEndorsers("Marcus Oyelaran")).toBe("1");
      await endorsers.openLegislator("Marcus Oyelaran");
      expect(await endorsers.briefLine()).toBe("1 local medical practice endorsed");
      expect(await endorsers.briefEndorsers()).toEqual(["Federal Hill Clinic"]);
      await endorsers.screenshot("08-legislator-desktop");
      await driver.page.setViewportSize({ width: 390, height: 844 });
      await endorsers.openTargets();
      expect(await endorsers.targetsEndorsers("Marcus Oyelaran")).toBe("1");
      await endorsers.openLegislator("Marcus Oyelaran");
      expect(await endorsers.pageWidth()).toBeLessThanOrEqual(390);
      await driver.page.getByTestId("district-endorsers").scrollIntoViewIfNeeded();
      await endorsers.screenshot("09-legislator-phone");
      await driver.page.setViewportSize({ width: 1280, height: 800 });
    });

    it("shows the clinic in its town's panel on the public page, with public fields only, at desktop and phone size", async () => {
      const { app, browser } = session();
      // A visitor who never signed in.
      for (const viewport of [
        { width: 1280, height: 800, name: "06-public-desktop" },
        { width: 390, height: 844, name: "07-public-phone" },
      ]) {
        const context = await browser.newContext({ viewport });
        try {
          const visitor = new EndorserDriver(await context.newPage(), app.url, `${engine}-endorsers`);
          await visitor.openPublicBody("Providence County");
          const town = visitor.townEndorsers();
          await town.waitFor({ timeout: 30_000 });
          const text = await town.innerText();
          expect(text).toContain("Endorsed in Providence County");
          expect(text).toContain("Federal Hill Clinic");
          expect(text).toContain("medical practice · Endorsed");
          expect(text).toContain("front@fhclinic.example.org");
          expect(await town.getByRole("link", { name: "Federal Hill Clinic" }).getAttribute("href")).toBe("https://fhclinic.example.org");
          const html = await visitor.page.content();
          for (const hidden of ["Smith Hill Bakery", "Quiet Pantry", PRIVATE.contact, PRIVATE.note, "Board voted yes"]) expect(html).not.toContain(hidden);
          expect(await visitor.pageWidth()).toBeLessThanOrEqual(viewport.width);
          await town.scrollIntoViewIfNeeded();
          await visitor.screenshot(viewport.name);
        } finally {
          await context.close();
        }
      }
    });
  });
}
