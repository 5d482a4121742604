import { afterAll, describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { AppDriver } from "./drivers/app-driver";
import { PublicDriver } from "./drivers/public-driver";
import { browserEngines, startFlakyLink, type FlakyLink } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

/** Arrival, not speed: a change must show up on the other page "within seconds". */
const arrives = { timeout: 15_000, interval: 100 };

for (const engine of browserEngines({ postgres: true })) {
  describe(`live changes between two open maps (${engine} server)`, () => {
    const session = useAppSession(engine, `live-${engine}`);
    let other: AppDriver;
    let link: FlakyLink;
    let targets: BodySummary[];

    afterAll(async () => {
      await link?.close();
    });

    it("both pages show Live once connected", async () => {
      const { driver, context, app } = session();
      const bodies: BodySummary[] = await (
        await fetch(`${app.url}/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`)
      )
        .json()
        .then((response: any) => response.result.data);
      targets = bodies.filter((body) => body.stage === "not_started").slice(0, 3);
      expect(targets).toHaveLength(3);
      // The second page reaches the server through a link the test can cut.
      link = await startFlakyLink(app.url);
      // Both pages share the browser context, so both are signed in (cookies do not depend on the port).
      await driver.signInAs("organizer");
      other = new AppDriver(await context.newPage(), link.url, `live-${engine}-other`);
      await driver.open(`?body=${targets[0]!.id}`);
      await other.open(`?body=${targets[0]!.id}`);
      await expect.poll(() => driver.liveStatus(), arrives).toBe("live");
      await expect.poll(() => other.liveStatus(), arrives).toBe("live");
      await other.screenshot("01-live");
    });

    it("a stage changed on one page recolours the body, moves the legend and refreshes the panel on the other", async () => {
      const { driver } = session();
      const target = targets[0]!;
      await expect.poll(() => other.currentStageInPanel(), arrives).toBe("not_started");
      const before = { notStarted: await other.legendCount("not_started"), organizing: await other.legendCount("organizing") };
      expect(await other.featureStage(target.id)).toBe("not_started");

      await driver.changeStage("organizing", "Changed on the first page (e2e)");
      await expect.poll(() => driver.currentStageInPanel(), arrives).toBe("organizing");

      await expect.poll(() => other.featureStage(target.id), arrives).toBe("organizing");
      await expect.poll(() => other.legendCount("organizing"), arrives).toBe(before.organizing + 1);
      expect(await other.legendCount("not_started")).toBe(before.notStarted - 1);
      await expect.poll(() => other.currentStageInPanel(), arrives).toBe("organizing");
      await expect.poll(() => other.page.locator(".history li").first().innerText(), arrives).toContain("Changed on the first page (e2e)");
      await other.screenshot("02-recoloured-by-the-other-page");
    });

    it("an open public map patches the change in from the message and fetches its counts once, seconds later", async () => {
      const { driver, context, app } = session();
      const target = targets[2]!;
      const visitor = new PublicDriver(await context.newPage(), app.url, `live-${engine}-public`);
      await visitor.open("/public");
      const before = await visitor.legendCount("organizing");
      const mapFetches: string[] = [];
      visitor.page.on("request", (request) => void (request.url().includes("public.map") && mapFetches.push(request.url())));

      await driver.page.goto(`${driver.page.url().split("?")[0]}?body=${target.id}`);
      await driver.waitForMap();
      await driver.changeStage("organizing", "Seen on the public map (e2e)");
      await expect.poll(() => visitor.featureStage(target.id), arrives).toBe("organizing");
      expect(mapFetches, "recoloured from the live message, not by refetching public.map").toHaveLength(0);
      await expect.poll(() => visitor.legendCount("organizing"), arrives).toBe(before + 1);
      expect(mapFetches).toHaveLength(1);
      await visitor.screenshot("03-public-map-patched");
      await visitor.page.close();
    });

    it("a page that was offline catches up with what it missed when it reconnects", async () => {
      const { driver } = session();
      const target = targets[1]!;
      link.drop();
      await expect.poll(() => other.liveStatus(), arrives).toBe("reconnecting");
      await other.screenshot("04-reconnecting");
      await driver.page.goto(`${driver.page.url().split("?")[0]}?body=${target.id}`);
      await driver.waitForMap();
      await driver.changeStage("organizing", "Changed while the other page was offline (e2e)");
      await expect.poll(() => driver.featureStage(target.id), arrives).toBe("organizing");
      link.restore();
      await expect.poll(() => other.featureStage(target.id), arrives).toBe("organizing");
      await expect.poll(() => other.liveStatus(), arrives).toBe("live");
      await other.screenshot("05-caught-up-after-reconnecting");
    });
  });
}
