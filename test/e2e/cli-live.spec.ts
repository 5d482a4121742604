import { describe, expect, it } from "vitest";
import { importStageWithTheCli } from "./drivers/cli-setup";
import { useAppSession } from "./drivers/session";

/** Arrival, not speed: the change must show up on the open map "within seconds". */
const arrives = { timeout: 15_000, interval: 100 };

describe("a command-line import recolours an open map (sqlite server)", () => {
  const session = useAppSession("sqlite", "cli-live");

  it("the real `groundswell import` bin moves a body's stage, and the open map recolours it and its legend live", async () => {
    const { driver, app } = session();
    await driver.openLiveMapAs("organizer");
    const target = await driver.bodyNotStarted();
    expect(await driver.featureStage(target.id)).toBe("not_started");
    const before = { notStarted: await driver.legendCount("not_started"), organizing: await driver.legendCount("organizing") };
    await driver.screenshot("01-before-cli-import");

    // Another process, as a person at a terminal would run it, against the server's database.
    expect(await importStageWithTheCli(app, target.id, "organizing")).toMatch(/^Imported 1 row of stages\.csv as resolutions/);

    // No reload: the page hears the change and repaints.
    await expect.poll(() => driver.featureStage(target.id), arrives).toBe("organizing");
    await expect.poll(() => driver.legendCount("organizing"), arrives).toBe(before.organizing + 1);
    expect(await driver.legendCount("not_started")).toBe(before.notStarted - 1);
    await driver.screenshot("02-recoloured-by-the-cli");
  });
});
