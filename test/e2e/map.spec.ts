import { describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { DEFAULT_STAGES } from "../../shared/model/stage";
import { AppDriver } from "./drivers/app-driver";
import { useAppSession } from "./drivers/session";
import { browserEngines } from "./drivers/helper";

for (const engine of browserEngines()) {
  describe(`the map screen (${engine} server)`, () => {
    // The whole country (3,231 counties): this spec tests the map at scale.
    const session = useAppSession(engine, engine, undefined, undefined, { demo: "full" });

    it("shows real bodies with a legend counting every stage", async () => {
      const { driver } = session();
      await driver.open();
      const bodies: BodySummary[] = await driver.page.evaluate(async () => {
        const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`);
        return (await response.json()).result.data;
      });
      expect(bodies.length).toBeGreaterThanOrEqual(1000);
      let total = 0;
      for (const stage of DEFAULT_STAGES) {
        const count = await driver.legendCount(stage);
        expect(count, stage).toBe(bodies.filter((body) => body.stage === stage).length);
        expect(count, stage).toBeGreaterThan(0);
        total += count;
      }
      expect(total).toBe(bodies.length);
      await expect.poll(() => driver.page.getByText("Demo data.").isVisible()).toBe(true);
      await driver.screenshot("01-first-view");
    });

    it("finds a body, changes its stage, recolours the map and keeps it after a reload", async () => {
      const { driver } = session();
      await driver.signInAs("organizer");
      await driver.open();
      const bodies: BodySummary[] = await driver.page.evaluate(async () => {
        const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`);
        return (await response.json()).result.data;
      });
      // A large, not-yet-started county in the lower 48, so it is easy to click.
      const target = bodies
        .filter((body) => body.stage === "not_started" && body.bbox[0] > -125 && body.bbox[2] < -67 && body.bbox[1] > 25)
        .sort((a, b) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) - (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]))[0]!;

      await driver.search(`${target.name} ${target.state}`);
      await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
      expect(driver.page.url()).toContain(`body=${target.id}`);

      // Close the panel, then pick the same body by clicking it on the map.
      await driver.page.getByRole("button", { name: "Close panel" }).click();
      await driver.clickBodyOnMap(target.id);
      await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
      expect(await driver.currentStageInPanel()).toBe("not_started");
      expect(await driver.featureStage(target.id)).toBe("not_started");
      await driver.screenshot("02-body-selected");

      const before = { notStarted: await driver.legendCount("not_started"), organizing: await driver.legendCount("organizing") };
      await driver.changeStage("organizing", "Kickoff meeting at the library (e2e)");
      await expect.poll(() => driver.currentStageInPanel()).toBe("organizing");
      await expect.poll(() => driver.legendCount("organizing")).toBe(before.organizing + 1);
      expect(await driver.legendCount("not_started")).toBe(before.notStarted - 1);
      expect(await driver.featureStage(target.id)).toBe("organizing");
      await expect.poll(() => driver.page.locator(".history li").first().innerText()).toContain("Kickoff meeting at the library (e2e)");
      await driver.screenshot("03-stage-changed");

      await driver.page.reload();
      await driver.waitForMap();
      await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
      expect(await driver.currentStageInPanel()).toBe("organizing");
      expect(await driver.legendCount("organizing")).toBe(before.organizing + 1);
      await expect.poll(() => driver.featureStage(target.id)).toBe("organizing");
      await driver.screenshot("04-after-reload");
    });

    it("filters the map to one stage from the legend and puts it in the link", async () => {
      const { context, app, driver } = session();
      await driver.page.getByRole("button", { name: "Close panel" }).click();
      await driver.clickLegend("passed");
      await expect.poll(() => driver.page.url()).toContain("stages=passed");
      expect(await driver.page.locator('.legend-entry[data-stage="passed"]').getAttribute("aria-pressed")).toBe("true");
      await driver.screenshot("05-filtered-to-passed");

      const link = driver.page.url();
      const fresh = await context.browser()!.newContext({ viewport: { width: 1280, height: 800 } });
      const other = new AppDriver(await fresh.newPage(), app.url, `${engine}-permalink`);
      await other.page.goto(link);
      await other.waitForMap();
      expect(await other.page.locator('.legend-entry[data-stage="passed"]').getAttribute("aria-pressed")).toBe("true");
      await fresh.close();
      await driver.page.getByRole("button", { name: "Show all stages" }).click();
    });
  });
}
