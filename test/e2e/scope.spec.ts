import { describe, expect, it } from "vitest";
import { createCampaign } from "../../server/domain/campaigns";
import { campaignScopeSchema } from "../../shared/model/campaign-scope";
import { makeBody } from "../helpers/factories";
import { browserEngines, type RunningApp } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

/**
 * Issue 14: a campaign shows and counts only its states' bodies, each place once at the level it
 * counts. One database holds a city with three wards and a town in NH, and two towns in CT; one
 * campaign counts the city, another its wards, a third is about CT only.
 */
const square = (west: number, south: number, size: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

async function prepare(app: RunningApp) {
  const db = app.database.db;
  const city = await makeBody(db, { name: "Manchester", state: "NH", kind: "city_council", geoid: null, geometry: square(-71.5, 42.95, 0.12) });
  for (let ward = 0; ward < 3; ward += 1) {
    await makeBody(db, { name: `Ward ${ward + 1}`, state: "NH", kind: "ward_committee", geoid: null, parentId: city.id, geometry: square(-71.5 + ward * 0.04, 42.95, 0.04) });
  }
  await makeBody(db, { name: "Bedford", state: "NH", kind: "town_meeting", geoid: null, geometry: square(-71.7, 42.95, 0.15) });
  await makeBody(db, { name: "Enfield", state: "CT", kind: "town_meeting", geoid: null, geometry: square(-72.6, 41.95, 0.1) });
  await makeBody(db, { name: "Suffield", state: "CT", kind: "town_meeting", geoid: null, geometry: square(-72.75, 41.95, 0.1) });
  // Populations: the headline's share of the people in scope (the city's and its wards' agree).
  for (const [name, population] of [
    ["Manchester", 90_000],
    ["Ward 1", 30_000],
    ["Ward 2", 30_000],
    ["Ward 3", 30_000],
    ["Bedford", 30_000],
  ] as const) {
    await db.updateTable("body").set({ population }).where("name", "=", name).execute();
  }
  await createCampaign(db, { name: "City level", scope: campaignScopeSchema.parse({ states: ["NH"] }) });
  await createCampaign(db, { name: "Ward level", scope: campaignScopeSchema.parse({ states: ["NH"], countedChildKinds: ["ward_committee"] }) });
  await createCampaign(db, { name: "Connecticut", scope: campaignScopeSchema.parse({ states: ["CT"] }) });
  // A national campaign also reaches Alaska (Anchorage, and Attu beyond the antimeridian), Hawaii and Puerto Rico.
  await makeBody(db, { name: "Anchorage", state: "AK", kind: "city_council", geoid: null, geometry: square(-150, 61, 0.5) });
  await makeBody(db, { name: "Attu", state: "AK", kind: "town_meeting", geoid: null, geometry: square(172.5, 52.8, 0.4) });
  await makeBody(db, { name: "Honolulu", state: "HI", kind: "city_council", geoid: null, geometry: square(-158.2, 21.3, 0.3) });
  await makeBody(db, { name: "San Juan", state: "PR", kind: "city_council", geoid: null, geometry: square(-66.15, 18.35, 0.12) });
  await createCampaign(db, { name: "National" });
}

for (const engine of browserEngines()) {
  describe(`campaign scope and nested bodies (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-scope`, prepare, undefined, { demo: "none" });

    /** The public map of a campaign: its legend total, footnote and the bodies the map draws. */
    async function publicView(slug: string) {
      const { driver, app } = session();
      await driver.page.goto(`${app.url}/public/${slug}`);
      await driver.waitForMap();
      const drawn = await driver.page.evaluate(() =>
        [...new Set(window.groundswellMap!.map.querySourceFeatures("bodies").map((feature) => String(feature.properties?.name)))].sort(),
      );
      return {
        headline: await driver.page.locator(".legend-headline").innerText(),
        total: await driver.legendCount("not_started"),
        footnote: await driver.page.getByTestId("legend-footnote").innerText(),
        drawn,
      };
    }

    it("counts the city, not its wards, unless the campaign counts wards; another state's bodies stay out", async () => {
      const cityLevel = await publicView("city-level");
      expect(cityLevel).toEqual({
        headline: "0 of 2 passed (0.0 % of the people in scope)",
        total: 2,
        footnote: "Bodies in NH; a body inside another (a ward in a city) is counted through the body it belongs to.",
        drawn: ["Bedford", "Manchester"],
      });
      await session().driver.screenshot("city-level");

      const wardLevel = await publicView("ward-level");
      expect(wardLevel).toEqual({
        headline: "0 of 4 passed (0.0 % of the people in scope)",
        total: 4,
        footnote: "Bodies in NH; ward committees are counted instead of the body they belong to.",
        drawn: ["Bedford", "Ward 1", "Ward 2", "Ward 3"],
      });
      await session().driver.screenshot("ward-level");

      const connecticut = await publicView("connecticut");
      expect(connecticut.total).toBe(2);
      expect(connecticut.drawn).toEqual(["Enfield", "Suffield"]);
      await session().driver.screenshot("connecticut");
    });

    it("an organizer dates a change in the past: the history shows the day it happened and when it was recorded", async () => {
      const { driver, app } = session();
      await driver.signInAs("organizer");
      await driver.open("?campaign=3");
      // Three campaigns put a campaign picker (with options) in the header: wait for the search's own option.
      const box = driver.page.getByRole("combobox", { name: /^Search bodies/ });
      await box.fill("Enfield");
      await driver.page
        .getByRole("option", { name: /Enfield/ })
        .first()
        .waitFor();
      await box.press("Enter");
      await expect.poll(() => driver.panelTitle().innerText(), { timeout: 15_000 }).toBe("Enfield");
      await driver.page.getByLabel("Move to").selectOption("organizing");
      await driver.page.getByLabel("When it happened").fill("2025-10-20");
      await driver.page.getByRole("button", { name: "Save stage" }).click();
      const first = driver.page.locator(".history li").first();
      await expect.poll(() => first.innerText(), { timeout: 15_000 }).toContain("2025-10-20 (recorded");
      const stored = await app.database.db.selectFrom("stageEvent").select(["happenedOn"]).execute();
      expect(stored.map((event) => event.happenedOn)).toEqual(["2025-10-20"]);
      await driver.screenshot("dated-change");
    });

    it("an admin moves a campaign to ward level in its settings, refused a bad state code first; the public map follows", async () => {
      const { driver, app } = session();
      await driver.signInAs("admin", { next: "/campaigns/city-level" });
      const section = driver.page.getByRole("region", { name: "Where the campaign works" });
      await section.getByLabel("States").fill("NH, Z1");
      await expect.poll(() => section.getByRole("alert").innerText()).toBe("“Z1” is not a state code: use two letters such as MA or NH.");
      expect(await section.getByRole("button", { name: "Save where it works" }).isDisabled()).toBe(true);
      await section.getByLabel("States").fill("nh");
      await section.getByLabel("Ward committees").check();
      expect(await section.locator(".scope-preview").innerText()).toContain("Bodies in NH; ward committees are counted instead of the body they belong to.");
      await driver.page.setViewportSize({ width: 390, height: 844 });
      await section.scrollIntoViewIfNeeded();
      await driver.screenshot("scope-editor-phone");
      await driver.page.setViewportSize({ width: 1440, height: 900 });
      await section.getByRole("button", { name: "Save where it works" }).click();
      await expect.poll(() => section.getByRole("status").innerText(), { timeout: 15_000 }).toBe("Saved.");
      const stored = await app.database.db.selectFrom("campaign").select("scope").where("slug", "=", "city-level").executeTakeFirstOrThrow();
      expect(JSON.parse(stored.scope!)).toEqual({ states: ["NH"], counties: [], bodyIds: [], countedChildKinds: ["ward_committee"] });
      const view = await publicView("city-level");
      expect(view.total).toBe(4);
      expect(view.drawn).toEqual(["Bedford", "Ward 1", "Ward 2", "Ward 3"]);
    });

    it("a national press map puts Alaska, Hawaii and Puerto Rico in insets, every body drawn", async () => {
      const { driver, app } = session();
      await driver.page.goto(`${app.url}/print?campaign=national&title=${encodeURIComponent("Every state")}`);
      await driver.page.locator("[data-print-ready]").waitFor({ state: "attached", timeout: 60_000 });
      const insets = driver.page.getByTestId("print-inset");
      expect(await insets.locator("figcaption").allInnerTexts()).toEqual(["Alaska", "Hawaii", "Puerto Rico"]);
      // Ready means the main map and each inset have drawn their stages.
      expect(await insets.locator(".map[role=region]").evaluateAll((maps) => maps.map((map) => map.getAttribute("aria-label")))).toEqual([
        "Inset map of Alaska",
        "Inset map of Hawaii",
        "Inset map of Puerto Rico",
      ]);
      expect(await driver.page.locator(".print-count").last().innerText()).toBe("8");
      await driver.page.setViewportSize({ width: 1700, height: 1300 });
      await driver.screenshot("national-print");
    });
  });
}
