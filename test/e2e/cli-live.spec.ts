import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { runCli } from "../helpers/cli";
import { useAppSession } from "./drivers/session";

/** Arrival, not speed: the change must show up on the open map "within seconds". */
const arrives = { timeout: 15_000, interval: 100 };

describe("a command-line import recolours an open map (sqlite server)", () => {
  const session = useAppSession("sqlite", "cli-live");

  it("the real `groundswell import` bin moves a body's stage, and the open map recolours it and its legend live", async () => {
    const { driver, app } = session();
    await driver.signInAs("organizer");
    await driver.open();
    await expect.poll(() => driver.liveStatus(), arrives).toBe("live");
    const bodies: BodySummary[] = await driver.page.evaluate(async () => {
      const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`);
      return (await response.json()).result.data;
    });
    const target = bodies.find((body) => body.stage === "not_started")!;
    expect(await driver.featureStage(target.id)).toBe("not_started");
    const before = { notStarted: await driver.legendCount("not_started"), organizing: await driver.legendCount("organizing") };
    await driver.screenshot("01-before-cli-import");

    // Another process, as a person at a terminal would run it, against the server's database.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-cli-live-"));
    try {
      const sheet = path.join(folder, "stages.csv");
      fs.writeFileSync(sheet, `body_id,stage\n${target.id},organizing\n`);
      const result = await runCli(["import", sheet, "--as", "resolutions", "--campaign", "1"], app.database.env);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Imported 1 row of stages\.csv as resolutions/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }

    // No reload: the page hears the change and repaints.
    await expect.poll(() => driver.featureStage(target.id), arrives).toBe("organizing");
    await expect.poll(() => driver.legendCount("organizing"), arrives).toBe(before.organizing + 1);
    expect(await driver.legendCount("not_started")).toBe(before.notStarted - 1);
    await driver.screenshot("02-recoloured-by-the-cli");
  });
});
