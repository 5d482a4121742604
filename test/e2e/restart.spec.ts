import { describe, expect, it } from "vitest";
import { importStageWithTheCli } from "./drivers/cli-setup";
import { browserEngines } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

/** Arrival, not speed: the page must notice and catch up "within seconds". */
const arrives = { timeout: 30_000, interval: 100 };

for (const engine of browserEngines({ postgres: true })) {
  describe(`an open map survives a server restart (${engine} server)`, () => {
    const session = useAppSession(engine, `restart-${engine}`);

    it("says Reconnecting… while the server is down, Live once it is back, and recolours a body changed after the restart", async () => {
      const { driver, app } = session();
      await driver.openLiveMapAs("organizer");
      const target = await driver.bodyNotStarted();
      expect(await driver.featureStage(target.id)).toBe("not_started");
      const before = await driver.legendCount("organizing");

      await app.stopServer();
      await expect.poll(() => driver.liveStatus(), arrives).toBe("reconnecting");
      await driver.screenshot("01-server-down-reconnecting");
      // The map keeps what it showed while the server is away.
      expect(await driver.featureStage(target.id)).toBe("not_started");

      await app.startServer();
      await expect.poll(() => driver.liveStatus(), arrives).toBe("live");
      await driver.screenshot("02-live-again");

      // A change made after the restart, by another process, reaches the page that never reloaded.
      await importStageWithTheCli(app, target.id, "organizing");
      await expect.poll(() => driver.featureStage(target.id), arrives).toBe("organizing");
      await expect.poll(() => driver.legendCount("organizing"), arrives).toBe(before + 1);
      expect(await driver.liveStatus()).toBe("live");
      await driver.screenshot("03-recoloured-after-the-restart");
    });
  });
}
