import { describe, expect, it } from "vitest";
import { getCampaign } from "../../server/domain/campaigns";
import { seedDemoLegislators } from "../../server/domain/demo-workflow";
import { readPressSnapshot } from "../../server/domain/public-view";
import { changeStage } from "../../server/domain/resolutions";
import { leakedFields, seedPrivateMarkers } from "../helpers/private-markers";
import { PublicDriver } from "./drivers/public-driver";
import { useAppSession } from "./drivers/session";
import { databaseCounts } from "./drivers/database-counts";
import { browserEngines } from "./drivers/helper";

for (const engine of browserEngines()) {
  describe(`the public map (${engine} server)`, () => {
    let markers = new Map<string, string>();
    let markedBody = { id: 0, name: "" };
    const session = useAppSession(engine, `public-${engine}`, async (app) => {
      // A body carrying a marker in every private field, and a vote with a tally to show.
      const { db } = app.database;
      // The demo's made-up Rhode Island districts and legislators, as `npm start` seeds them.
      await db.transaction().execute(async (trx) => seedDemoLegislators(trx, await getCampaign(trx, 1), { today: new Date().toISOString().slice(0, 10) }));
      const body = await db.selectFrom("body").select(["id", "name", "state"]).where("name", "=", "Providence County").executeTakeFirstOrThrow();
      const resolution = await db.selectFrom("resolution").select(["version"]).where("bodyId", "=", body.id).where("campaignId", "=", 1).executeTakeFirst();
      if (!resolution) {
        await changeStage(db, { campaignId: 1, bodyId: body.id, toStage: "organizing", expectedVersion: 0 }, { name: "Organizer", role: "organizer" });
      } else {
        await db.updateTable("resolution").set({ stage: "organizing" }).where("bodyId", "=", body.id).where("campaignId", "=", 1).execute();
      }
      markers = await seedPrivateMarkers(db, { campaignId: 1, bodyId: body.id });
      await db.updateTable("resolution").set({ voteDate: "2026-01-12", tallyYes: 7, tallyNo: 2 }).where("bodyId", "=", body.id).where("campaignId", "=", 1).execute();
      markedBody = { id: body.id, name: body.name };
    });
    const visitor = () => new PublicDriver(session().driver.page, session().app.url, `public-${engine}`);

    it("shows legend counts equal to the database, with no sign-in and no edit controls", async () => {
      const driver = visitor();
      await driver.open("/public");
      const expected = await databaseCounts(session().app);
      for (const [stage, count] of Object.entries(expected)) expect(await driver.legendCount(stage), stage).toBe(count);
      expect(await driver.page.getByRole("button", { name: "Import boundaries" }).count()).toBe(0);
      expect(await driver.page.getByRole("button", { name: "Save stage" }).count()).toBe(0);
      await driver.screenshot("01-public-page");
    });

    it("leads with the press kit's headline and two calls to action; Contact your legislator names the town's legislators", async () => {
      const driver = visitor();
      const { headline } = await readPressSnapshot(session().app.database.db, { campaign: 1 });
      expect(await driver.headline()).toBe(headline);
      const found = await driver.contactLegislatorsOf("Providence");
      expect(found.names).toEqual(["Ana Souza (demo)", "Farah Haddad (demo)", "Hana Kim (demo)"]);
      expect(found.text).toContain("ana.souza@example.org");
      expect(found.text).toContain("What to say: Thank Ana Souza (demo) for their support of");
      expect(found.text).toContain("What to say: Ask Farah Haddad (demo) to cosponsor");
      expect(leakedFields(markers, await driver.html())).toEqual([]);
      // The same people from a point picked on the map (Providence County), which opens no body.
      const picked = await driver.contactLegislatorsPickedAt(markedBody.id);
      expect(picked.bannerShown).toBe(true);
      expect(picked.names).toEqual(found.names);
      expect(await session().driver.panelTitle().count()).toBe(0);
      await driver.page.setViewportSize({ width: 1440, height: 900 });
      await driver.screenshot("01b-contact-legislator-1440");
      // A phone: the header keeps to its headline and a row of two buttons; the map fills the rest.
      await driver.page.getByRole("button", { name: "Close panel" }).click();
      await driver.page.setViewportSize({ width: 390, height: 844 });
      expect(await driver.bottomOf(".topbar")).toBeLessThan(844 * 0.4);
      expect(await driver.overflowingWidth(".topbar")).toEqual([]);
      expect(await driver.overlapping([".topbar", ".legend"])).toEqual([]);
      await driver.screenshot("01c-public-390");
      await driver.page.getByRole("button", { name: "Find your local group" }).click();
      await driver.page.getByRole("heading", { name: "Find your local group" }).waitFor();
      await driver.screenshot("01d-find-group-390");
      await driver.page.getByRole("button", { name: "Close panel" }).click();
      await driver.page.setViewportSize({ width: 1280, height: 800 });
    });

    it("opens a body with public fields only: stage, vote, tally, sponsors, the hub's public contact", async () => {
      const driver = visitor();
      await driver.search(`${markedBody.name}`);
      await expect.poll(() => driver.bodyTitle().innerText()).toBe(markedBody.name);
      const panel = driver.page.locator(".body-panel");
      await expect.poll(() => panel.innerText()).toContain("7 yes, 2 no");
      const text = await panel.innerText();
      expect(text).toContain("Public Sponsor (lead)");
      expect(text).toContain("hub@public.example");
      expect(text).toContain("January 12, 2026");
      expect(leakedFields(markers, await driver.html())).toEqual([]);
      await driver.screenshot("02-public-body");
    });

    it("replays the map as of a day with the slider, recolouring by feature-state only", async () => {
      const driver = visitor();
      await driver.page.getByRole("button", { name: "Close panel" }).click();
      // Count geometry uploads from here on: replaying must only touch feature-state.
      await driver.page.evaluate(() => {
        const source = window.groundswellMap!.map.getSource("bodies") as unknown as { setData: (...args: unknown[]) => unknown };
        const original = source.setData.bind(source);
        (window as unknown as { setDataCalls: number }).setDataCalls = 0;
        source.setData = (...args: unknown[]) => {
          (window as unknown as { setDataCalls: number }).setDataCalls += 1;
          return original(...args);
        };
      });
      const day = "2025-11-01";
      await driver.slideAsOfTo(day);
      const expected = await databaseCounts(session().app, day);
      expect(expected.passed).toBeGreaterThan(0);
      await expect.poll(() => driver.legendCount("passed")).toBe(expected.passed);
      for (const [stage, count] of Object.entries(expected)) expect(await driver.legendCount(stage), stage).toBe(count);
      expect(await driver.page.getByTestId("as-of-date").innerText()).toBe("November 1, 2025");
      expect(await driver.page.evaluate(() => (window as unknown as { setDataCalls: number }).setDataCalls)).toBe(0);
      await driver.screenshot("03-as-of");
    });

    it("a permalink reopened in a fresh browser reproduces campaign, view, filters and as-of", async () => {
      const driver = visitor();
      await driver.page.locator('.legend-entry[data-stage="passed"]').click();
      await driver.toggle("Patterns");
      await driver.page.waitForFunction(() => /patterns=1/.test(window.location.search) && /stages=passed/.test(window.location.search));
      await driver.page.waitForTimeout(300);
      const link = driver.page.url();
      const map = new URL(link).searchParams.get("map");
      expect(map).toMatch(/^\d/);
      const fresh = await session().browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const other = new PublicDriver(await fresh.newPage(), session().app.url, `public-${engine}-permalink`);
        await other.page.goto(link);
        await other.waitForMap();
        expect(new URL(other.page.url()).searchParams.get("asof")).toBe("2025-11-01");
        expect(await other.page.getByTestId("as-of-date").innerText()).toBe("November 1, 2025");
        expect(await other.page.locator('.legend-entry[aria-pressed="true"]').getAttribute("data-stage")).toBe("passed");
        expect(await other.page.getByRole("button", { name: "Patterns" }).getAttribute("aria-pressed")).toBe("true");
        const view = await other.page.evaluate(() => ({ zoom: window.groundswellMap!.map.getZoom(), center: window.groundswellMap!.map.getCenter() }));
        const [zoom, lat, lon] = map!.split("/").map(Number);
        expect(view.zoom).toBeCloseTo(zoom!, 1);
        expect(view.center.lat).toBeCloseTo(lat!, 2);
        expect(view.center.lng).toBeCloseTo(lon!, 2);
        await other.screenshot("04-permalink");
      } finally {
        await fresh.close();
      }
    });

    it("shows the table alternative, sortable by stage", async () => {
      const driver = visitor();
      await driver.toggle("Table");
      const table = driver.page.getByTestId("stage-table");
      await table.waitFor();
      expect(await table.locator("tbody tr").count()).toBe((await databaseCounts(session().app, "2025-11-01")).passed);
      await driver.page.getByRole("button", { name: "Body" }).click();
      expect(await driver.page.locator('th[aria-sort="ascending"]').innerText()).toContain("Body");
      await driver.screenshot("05-table");
      await driver.toggle("Table");
    });

    it("the campaign map of the app replays as of a day too, from its address", async () => {
      const driver = visitor();
      await driver.open("/?asof=2025-11-01");
      const expected = await databaseCounts(session().app, "2025-11-01");
      await expect.poll(() => driver.legendCount("passed")).toBe(expected.passed);
      for (const [stage, count] of Object.entries(expected)) expect(await driver.legendCount(stage), stage).toBe(count);
      expect(await driver.page.getByRole("note").filter({ hasText: "Showing stages as of November 1, 2025" }).count()).toBe(1);
      await driver.screenshot("07-app-as-of");
    });

    it("the embed has minimal chrome and a link to the full map", async () => {
      const driver = visitor();
      await driver.open("/embed?campaign=demo-medicare-for-all-resolutions-sample-data");
      const link = driver.page.getByRole("link", { name: "Open full map" });
      expect(await link.getAttribute("href")).toContain("/public/");
      expect(await driver.page.getByRole("button", { name: "Export" }).count()).toBe(0);
      expect(leakedFields(markers, await driver.html())).toEqual([]);
      await driver.screenshot("06-embed");
      // 800×500 and 320×400: the headline and the calls to action fit, clear of the legend; the smallest keeps one.
      for (const [width, height, calls] of [
        [800, 500, ["Find your local group", "Contact your legislator"]],
        [320, 400, ["Find your local group"]],
      ] as const) {
        await driver.page.setViewportSize({ width, height });
        expect(await driver.headline()).toMatch(/ passed/);
        expect(await driver.page.locator(".calls-to-action a:visible").allInnerTexts()).toEqual(calls);
        expect(await driver.page.getByRole("link", { name: "Find your local group" }).getAttribute("href")).toMatch(/\/public\/.+\?open=hubs$/);
        expect(await driver.overlapping([".topbar", ".legend", ".maplibregl-ctrl-bottom-right"])).toEqual([]);
        expect(await driver.overflowingWidth(".topbar")).toEqual([]);
        await driver.screenshot(`06-embed-${width}x${height}`);
      }
      await driver.page.setViewportSize({ width: 1280, height: 800 });
    });
  });
}
