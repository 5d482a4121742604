import { describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { AppDriver } from "./drivers/app-driver";
import { browserEngines } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

/**
 * A big campaign's map (issue 16): past GROUNDSWELL_MAP_TILES_ABOVE bodies the map draws them from
 * vector tiles and reads names, boxes and label points from the slim index. The threshold is 0
 * here, so the small demo goes the way a 35,000-body national campaign does.
 */
for (const engine of browserEngines()) {
  describe(`the map drawn from vector tiles (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-tiles`, undefined, () => ({ GROUNDSWELL_MAP_TILES_ABOVE: "0" }));

    /** The largest body of campaign 1 past its first stage: easy to see, click and tell apart by colour. */
    const largestStarted = (bodies: BodySummary[]) =>
      bodies
        .filter((body) => body.stage !== "not_started")
        .sort((a, b) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) - (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]))[0]!;

    it("colours each body by its stage from the tiles, counts them in the legend, and opens one by click and by search (1280×800)", async () => {
      const { driver } = session();
      await driver.open();
      const mode = await driver.tileMode();
      expect(mode).toMatchObject({ tiled: true, source: "vector" });

      const bodies = await driver.campaignBodies();
      const target = largestStarted(bodies);
      console.log(`tile mode: ${bodies.length} bodies, ${mode.bodiesInTiles} in the loaded tiles; target ${target.name} (${target.id}) at ${target.stage}`);
      expect(mode.bodiesInTiles).toBeGreaterThan(bodies.length / 2);
      expect(await driver.featureStage(target.id)).toBe(target.stage);
      // The fill drawn at the body's label point is that body: the tiles carry its id.
      expect(await driver.bodyDrawnAt(target.id)).toBe(target.id);
      for (const stage of new Set(bodies.map((body) => body.stage))) expect(await driver.legendCount(stage), stage).toBe(bodies.filter((body) => body.stage === stage).length);
      await driver.screenshot("01-tiles-first-view");

      await driver.clickBodyOnMap(target.id);
      await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
      await driver.screenshot("02-tiles-body-clicked");
      await driver.page.getByRole("button", { name: "Close panel" }).click();

      const other = bodies.find((body) => body.id !== target.id && body.name !== target.name)!;
      await driver.search(`${other.name} ${other.state ?? ""}`.trim());
      await expect.poll(() => driver.panelTitle().innerText()).toBe(other.name);
      expect(driver.page.url()).toContain(`body=${other.id}`);
      await expect.poll(() => driver.featureStage(other.id)).toBe(other.stage);
    });

    it("draws the public page on a phone from the tiles, and a tap opens the body (390×844)", async () => {
      const { browser, app } = session();
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      try {
        const phone = new AppDriver(await context.newPage(), app.url, `${engine}-tiles-phone`);
        await phone.open("public");
        expect(await phone.tileMode()).toMatchObject({ tiled: true, source: "vector" });
        const target = largestStarted(await phone.campaignBodies());
        await expect.poll(() => phone.featureStage(target.id)).toBe(target.stage);
        expect(await phone.bodyDrawnAt(target.id)).toBe(target.id);
        await phone.screenshot("03-tiles-public-phone");
        await phone.clickBodyOnMap(target.id);
        await expect.poll(() => phone.page.locator("#public-body-title").innerText()).toBe(target.name);
        await phone.screenshot("04-tiles-public-phone-body");
      } finally {
        await context.close();
      }
    });
  });
}
