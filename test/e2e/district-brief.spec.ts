import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changeStage } from "../../server/domain/resolutions";
import { BriefDriver } from "./drivers/brief-driver";
import { groundswell, writeRiBands, writeRiHouseDistricts } from "./drivers/cli-setup";
import { useAppSession } from "./drivers/session";
import { browserEngines, screenshotDir, type RunningApp } from "./drivers/helper";

/**
 * The district page and its one-page printed brief, and the hubs page, on the demo's Rhode Island
 * counties: two made-up House districts split at 41.7°N, a legislator each (Open States CSV), a
 * hub for district 1, district 2's legislator on the bill's cosponsor list, and Kent County passed
 * with a tally.
 */
const cli = groundswell;

async function prepare(app: RunningApp) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-brief-"));
  const districts = writeRiHouseDistricts(directory);
  const people = path.join(directory, "ri.csv");
  fs.writeFileSync(
    people,
    "id,name,current_party,current_district,current_chamber,email,district_voice\n" +
      "ocd-person/11111111-2222-4333-8444-555555555555,Teresa Kowalczyk,Democratic,2,lower,tk@example.org,401-555-0123\n" +
      "ocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,1,lower,,\n",
  );
  // A member of Congress over both House districts (the federal folder's layout: district RI-1).
  const congress = writeRiBands(directory, "ri-congress.geojson", [[41.0, 42.1]]);
  const federal = path.join(directory, "federal");
  fs.mkdirSync(federal);
  fs.writeFileSync(
    path.join(federal, "Rosa-Delacroix-11111111-2222-4333-8444-999999999999.yml"),
    "id: ocd-person/11111111-2222-4333-8444-999999999999\nname: Rosa Delacroix\nparty:\n- name: Democratic\nroles:\n- start_date: 2025-01-03\n  type: lower\n  jurisdiction: ocd-jurisdiction/country:us/government\n  district: RI-1\n",
  );
  const hubs = path.join(directory, "hubs.csv");
  fs.writeFileSync(hubs, "name,public_contact,onboarding,private_contacts,districts\nNorth RI Hub,north@hub.example,Meet Mondays,Private 401-555-0111,state_lower:1\n");
  const committees = path.join(directory, "committees");
  fs.mkdirSync(committees);
  fs.writeFileSync(
    path.join(committees, "lower-Finance-33333333-4444-4555-8666-777777777777.yml"),
    [
      "id: ocd-organization/33333333-4444-4555-8666-777777777777",
      "jurisdiction: ocd-jurisdiction/country:us/state:ri/government",
      "classification: committee",
      "name: Finance",
      "chamber: lower",
      "members:",
      "- name: Marcus Oyelaran",
      "  role: chair",
      "  person_id: ocd-person/11111111-2222-4333-8444-666666666666",
      "",
    ].join("\n"),
  );
  const cosponsors = path.join(directory, "h5555-cosponsors.txt");
  fs.writeFileSync(cosponsors, "Rep. Teresa Kowalczyk\n");
  try {
    cli(app, "import", districts, "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022");
    // An older House plan split further south (at 41.45°N): Kent County lies in its district 1, so the 2022 plan brings it into district 2 (issue 14).
    cli(
      app,
      "import",
      writeRiBands(directory, "ri-house-2012.geojson", [
        [41.45, 42.1],
        [41.0, 41.45],
      ]),
      "--as",
      "districts",
      "--chamber",
      "state_lower",
      "--state",
      "RI",
      "--vintage",
      "2012",
    );
    cli(app, "import", people, "--as", "legislators", "--state", "RI");
    cli(app, "import", congress, "--as", "districts", "--chamber", "congressional", "--state", "RI", "--vintage", "2022");
    cli(app, "import", federal, "--as", "legislators");
    cli(app, "import", hubs, "--as", "hubs", "--state", "RI");
    cli(app, "import", cosponsors, "--as", "cosponsors", "--state", "RI");
    cli(app, "import", committees, "--as", "committees", "--state", "RI");
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  const { db } = app.database;
  const kent = await db.selectFrom("body").select("id").where("name", "=", "Kent County").where("state", "=", "RI").executeTakeFirstOrThrow();
  const campaign = await db.selectFrom("campaign").select(["id", "stageScheme"]).executeTakeFirstOrThrow();
  const resolution = await db.selectFrom("resolution").select(["stage", "version"]).where("bodyId", "=", kent.id).where("campaignId", "=", campaign.id).executeTakeFirst();
  if (resolution?.stage !== "passed") {
    const organizer = { name: "Brief test", role: "organizer" as const };
    let version = resolution?.version ?? 0;
    for (const toStage of ["introduced", "passed"]) {
      const moved = await changeStage(db, { campaignId: campaign.id, bodyId: kent.id, toStage, expectedVersion: version }, organizer).catch(() => null);
      if (moved) version = moved.version;
    }
  }
  await db.updateTable("resolution").set({ tallyYes: 7, tallyNo: 2 }).where("bodyId", "=", kent.id).where("campaignId", "=", campaign.id).execute();
}

for (const engine of browserEngines()) {
  describe(`district page and brief (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-brief`, prepare);

    const districtId = async (name: string) => {
      const { app } = session();
      const response = await fetch(`${app.url}/trpc/district.list`);
      const list = ((await response.json()) as { result: { data: Array<{ id: number; chamber: string; name: string }> } }).result.data;
      return list.find((district) => district.chamber === "state_lower" && district.name === name)!.id;
    };

    it("shows the legislator, coverage and targets, and prints on ONE page with the same figures", async () => {
      const { app, driver } = session();
      const brief = new BriefDriver(driver.page, app.url, `${engine}-brief`);
      const id = await districtId("2");
      await brief.openDistrict(id);
      expect(await brief.legislatorNames()).toEqual(["Teresa Kowalczyk"]);
      const area = await brief.figure("area");
      expect(area).toMatch(/^\d+(\.\d)?%$/);
      expect(area).not.toBe("0%");
      expect(await driver.page.locator(".brief-table").first().innerText()).toContain("Kent County, RI");
      expect(await driver.page.locator(".brief-table").first().innerText()).toContain("7–2");
      await brief.screenshot("01-district-page");

      const printed = await brief.printBrief("02-brief");
      expect(printed.pages).toBe(1);
      for (const words of ["Teresa Kowalczyk", "Cosponsor", area, "of the district’s area", "Kent County", "Best next targets"]) expect(printed.has(words), words).toBe(true);
      // The lobby brief: contacts, committees, the ask for her step, who sits over the district, the hubs.
      for (const words of [
        "tk@example.org",
        "401-555-0123",
        "Committees: none on record",
        "The ask: Caucus member",
        "Over this district",
        "Rosa Delacroix",
        "US House RI-1",
        "No hub covers this district yet",
      ]) {
        expect(printed.has(words), words).toBe(true);
      }
      for (const words of ["Move to step", "Save step", "Ladder history", "Neighbouring allies", "Marcus Oyelaran"]) expect(printed.has(words), words).toBe(false);
    });

    it("shows district 2 under the older plan and the current one, and Kent County (passed) moving in (issue 14)", async () => {
      const { app, driver } = session();
      const brief = new BriefDriver(driver.page, app.url, `${engine}-brief`);
      await brief.openDistrict(await districtId("2"));
      const area = await brief.figure("area");
      const section = await brief.redistricting();
      expect(section.rows.map((row) => row.slice(0, 3))).toEqual([
        // Washington County (passed in the demo) lies in district 2 under both plans.
        ["2012 plan", "2", "8.8%"],
        ["2022 plan (current)", "2", area],
      ]);
      expect(section.movingIn).toMatch(/^Passed, moving in under the 2022 plan: Kent County \(\d+(\.\d)?%\)$/);
      expect(section.movingOut).toBe("Passed, moving out under the 2022 plan: none");
      await driver.page.locator(".brief-redistricting").screenshot({ path: `${screenshotDir}/${engine}-brief-03-redistricting.png` });
      // The targets view: each seat's share covered under the other plan (the district of the same name there).
      await driver.page.goto(`${app.url}/targets`);
      await driver.page.locator(".targets-table").waitFor();
      const teresa = driver.page.locator(".targets-table tbody tr", { hasText: "Teresa Kowalczyk" });
      expect(await teresa.locator("[data-column='other-plan']").innerText()).toBe("9% 2012 plan, 2");
      await driver.page.screenshot({ path: `${screenshotDir}/${engine}-brief-04-targets-other-plan.png`, fullPage: true });
    });

    it("lists the targets, flags and ranks the Finance committee's chair first, and opens a legislator's page, on a laptop and a phone", async () => {
      const { app, driver } = session();
      const page = driver.page;
      await page.goto(`${app.url}/targets`);
      const names = () => page.locator(".targets-table tbody th a").allInnerTexts();
      await page.locator(".targets-table").waitFor();
      expect(await names()).toEqual(["Marcus Oyelaran", "Teresa Kowalczyk", "Rosa Delacroix"]);
      await page.getByLabel("Chamber").selectOption("state_lower");
      expect(await names()).toEqual(["Marcus Oyelaran", "Teresa Kowalczyk"]);
      await page.getByLabel("Step").selectOption("cosponsor");
      expect(await names()).toEqual(["Teresa Kowalczyk"]);
      expect(page.url()).toContain("step=cosponsor");
      await page.getByLabel("Step").selectOption("");
      await page.getByLabel("Committee").selectOption({ label: "House: Finance" });
      expect(await page.locator("tr.on-committee .committee-flag").allInnerTexts()).toEqual(["Finance chair"]);
      expect(await names()).toEqual(["Marcus Oyelaran", "Teresa Kowalczyk"]);
      await page.screenshot({ path: `${screenshotDir}/${engine}-targets-01-desktop.png`, fullPage: true });
      // The filters live in the address: a reload keeps them.
      await page.reload();
      await page.locator(".targets-table").waitFor();
      expect(await page.locator("tr.on-committee").count()).toBe(1);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${screenshotDir}/${engine}-targets-02-phone.png`, fullPage: true });
      await page.getByRole("link", { name: "Teresa Kowalczyk" }).click();
      await page.getByRole("heading", { level: 1, name: "Teresa Kowalczyk" }).waitFor();
      expect(await page.locator(".legislator-page").innerText()).toContain("RI State House 2");
      expect(await page.locator(".ladder-steps").innerText()).toContain("Cosponsor");
      await page.screenshot({ path: `${screenshotDir}/${engine}-legislator-01-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });

      // The map's search box finds legislators too, and opens their page.
      await page.goto(app.url);
      await page.getByRole("combobox").fill("Kowalczyk");
      const option = page.getByRole("option", { name: /Teresa Kowalczyk/ });
      expect(await option.innerText()).toContain("Legislator · RI State House 2");
      await option.click();
      await page.getByRole("heading", { level: 1, name: "Teresa Kowalczyk" }).waitFor();
      expect(page.url()).toMatch(/\/legislators\/\d+\?campaign=\d+$/);
    });

    it("shows the recruiting map, the districts without a hub, and finds the hub for a town", async () => {
      const { app, driver } = session();
      const brief = new BriefDriver(driver.page, app.url, `${engine}-hubs`);
      await brief.openHubs();
      expect(await driver.page.locator(".recruiting-map path[data-has-hub='1']").count()).toBe(1);
      expect(await brief.districtsWithoutHub()).toEqual(["RI State House 2"]);
      expect(await driver.page.getByRole("link", { name: /Their legislators, steps and towns passed/ }).getAttribute("href")).toBe("/targets?chamber=state_lower&nohub=1");
      // Where to recruit next: the uncovered district, its sitting legislator and step, and the towns there.
      const gapRows = driver.page.locator(".gap-table tbody tr");
      await gapRows.first().waitFor();
      expect(await gapRows.locator("th").allInnerTexts()).toEqual(["RI State House 2"]);
      expect(await gapRows.first().locator("td").first().innerText()).toMatch(/^\S.+ (Unknown|Opposed|Undecided|Supportive|Cosponsor)/);
      const found = await brief.findHubFor("Providence");
      expect(found).toContain("Join North RI Hub");
      expect(found).toContain("north@hub.example");
      expect(found).not.toContain("401-555-0111");
      await brief.screenshot("01-hubs");
      await gapRows.first().scrollIntoViewIfNeeded();
      await brief.screenshot("02-gaps");
    });
  });
}
