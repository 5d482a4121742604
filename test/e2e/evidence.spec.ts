import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EvidenceDriver } from "./drivers/evidence-driver";
import { browserEngines } from "./drivers/helper";
import { PublicDriver } from "./drivers/public-driver";
import { useAppSession } from "./drivers/session";

/** A one-page PDF of the meeting's minutes, as a clerk would send it. */
const MINUTES = [
  "%PDF-1.4",
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
  "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj",
  "trailer << /Root 1 0 R >>",
  "%%EOF",
  "",
].join("\n");

for (const engine of browserEngines()) {
  describe(`verified passes (${engine} server)`, () => {
    let target = { id: 0, name: "", state: "" };
    let passedBefore = 0;
    /** Another pass of the campaign, which nobody verifies: hatched once the campaign verifies one. */
    let otherPass = 0;
    let campaignSlug = "";
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-evidence-"));
    const minutes = path.join(folder, "council-minutes-2026-11-03.pdf");
    const notAPdf = path.join(folder, "minutes.pdf");
    fs.writeFileSync(minutes, MINUTES);
    fs.writeFileSync(notAPdf, "<html><body>not really minutes</body></html>");

    const session = useAppSession(engine, `${engine}-evidence`, async (app) => {
      // A passed body of the demo campaign with a name found once: where the organizer attaches the minutes.
      const { db } = app.database;
      const passed = await db
        .selectFrom("resolution")
        .innerJoin("body", "body.id", "resolution.bodyId")
        .select(["body.id", "body.name", "body.state"])
        .where("resolution.campaignId", "=", 1)
        .where("resolution.stage", "=", "passed")
        .orderBy("body.areaM2", "desc")
        .execute();
      // Every pass counts in the headline: passed, sent on, and passed over a veto.
      const passes = await db.selectFrom("resolution").select("bodyId").where("campaignId", "=", 1).where("stage", "in", ["passed", "sent_to_legislators", "overridden"]).execute();
      passedBefore = passes.length;
      const row = passed.find((body) => passed.filter((other) => other.name === body.name).length === 1)!;
      target = { id: row.id, name: row.name, state: row.state ?? "" };
      campaignSlug = (await db.selectFrom("campaign").select("slug").where("id", "=", 1).executeTakeFirstOrThrow()).slug;
      otherPass = passes.find((pass) => pass.bodyId !== row.id)!.bodyId;
    });

    it("an organizer uploads the minutes PDF to a passed body, publishes and verifies it; a wrong file is refused in one line", async () => {
      const { driver } = session();
      const evidence = new EvidenceDriver(driver.page);
      // Before any pass is verified the campaign does not verify: no "of which 0 verified", no hatch, no key.
      const visitor = new PublicDriver(await session().browser.newPage(), session().app.url, `${engine}-evidence`);
      await visitor.open("/public");
      expect(await visitor.page.locator(".legend-headline").innerText()).toMatch(new RegExp(`^${passedBefore} of [\\d,]+ passed$`));
      expect(await visitor.unverifiedKey()).toBeNull();
      expect(await visitor.hatchedAsUnverified(otherPass)).toBe(false);
      await visitor.page.close();

      await driver.signInAs("organizer");
      await driver.open();
      await driver.search(`${target.name} ${target.state}`);
      await expect.poll(() => driver.panelTitle().innerText(), { timeout: 15_000 }).toBe(target.name);
      await evidence.section().waitFor();
      expect(await evidence.verificationState()).toBe("Reported");

      await evidence.uploadFile(notAPdf, "Minutes");
      await expect
        .poll(() => evidence.errorText().innerText(), { timeout: 15_000 })
        .toBe("minutes.pdf is not a PDF, PNG or JPEG file (its contents say otherwise); nothing was saved");
      expect(await evidence.items().count()).toBe(0);

      await evidence.uploadFile(minutes, "Minutes");
      await expect.poll(() => evidence.items().count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => evidence.verificationState(), { timeout: 15_000 }).toBe("Evidence attached");
      expect(await evidence.items().first().innerText()).toContain("council-minutes-2026-11-03.pdf");
      await evidence.makePublic("council-minutes-2026-11-03.pdf");
      await expect.poll(() => evidence.items().first().locator(".public-tag").count(), { timeout: 15_000 }).toBe(1);
      await evidence.verify("Checked against the clerk's signed copy");
      await expect.poll(() => evidence.verificationState(), { timeout: 15_000 }).toBe("Verified");
      expect(await driver.page.getByTestId("verification-state").innerText()).toContain("verified by Test organizer");
      await expect.poll(() => driver.page.locator(".legend-headline").innerText(), { timeout: 15_000 }).toMatch(/, of which 1 verified$/);
      await evidence.section().scrollIntoViewIfNeeded();
      await driver.screenshot("01-verified-in-panel");
    });

    it("the public page counts the pass as verified, shows the mark and the public minutes, and counts verified passes only when the campaign says so", async () => {
      const { browser, app, driver } = session();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const visitor = new PublicDriver(await context.newPage(), app.url, `${engine}-evidence`);
        await visitor.open("/public");
        const headline = visitor.page.locator(".legend-headline");
        await expect.poll(() => headline.innerText(), { timeout: 15_000 }).toMatch(new RegExp(`^${passedBefore} of [\\d,]+ passed, of which 1 verified$`));
        // Now that the campaign verifies passes, the others are hatched and the legend says what the hatch means.
        await expect
          .poll(() => visitor.unverifiedKey(), { timeout: 15_000 })
          .toEqual({ count: passedBefore - 1, text: expect.stringMatching(/^Passed, not yet verified\s+[\d,]+\s+Hatched: .*still counted as passed\.$/) });
        await expect.poll(() => visitor.hatchedAsUnverified(otherPass), { timeout: 15_000 }).toBe(true);
        expect(await visitor.hatchedAsUnverified(target.id)).toBe(false);
        for (const [width, height] of [
          [390, 844],
          [1440, 900],
        ] as const) {
          await visitor.resize(width, height);
          await visitor.screenshot(`02-public-unverified-hatched-${width}x${height}`);
        }
        // The press map (PNG and PDF exports) hatches them too and keys them in its legend.
        await visitor.openPrint(campaignSlug);
        expect(await visitor.printUnverifiedRow()).toMatch(new RegExp(`^\\s*Passed, not yet verified \\(also counted above\\)\\s+${passedBefore - 1}$`));
        expect(await visitor.hatchedAsUnverified(otherPass)).toBe(true);
        await visitor.screenshot("02-print-unverified-hatched");
        await visitor.open("/public");
        await visitor.resize(1280, 800);
        await visitor.search(`${target.name} ${target.state}`);
        await expect.poll(() => visitor.bodyTitle().innerText(), { timeout: 15_000 }).toBe(target.name);
        await expect.poll(() => visitor.page.getByTestId("verified-mark").innerText(), { timeout: 15_000 }).toContain("Verified pass");
        const link = visitor.page.getByRole("link", { name: "council-minutes-2026-11-03.pdf" });
        const download = await visitor.page.request.get(`${app.url}${await link.getAttribute("href")}`);
        expect(download.status()).toBe(200);
        expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="council-minutes-2026-11-03.pdf"/);
        expect((await download.body()).toString()).toBe(MINUTES);
        await visitor.screenshot("02-public-verified");

        // The admin turns on "Count verified passes only": the public headline counts the one verified pass.
        await driver.signOut();
        await driver.signInAs("admin", { next: "/campaigns/1" });
        await driver.page.getByLabel("Count verified passes only").check();
        await driver.page.getByRole("button", { name: "Save campaign" }).click();
        await driver.page.getByRole("status").filter({ hasText: "Saved." }).waitFor({ timeout: 15_000 });
        await driver.screenshot("03-setting");
        await visitor.open("/public");
        await expect
          .poll(() => headline.innerText(), { timeout: 15_000 })
          .toMatch(new RegExp(`^1 of [\\d,]+ passed \\(verified passes only; ${passedBefore - 1} more reported, not yet verified\\)$`));
        await expect
          .poll(() => visitor.unverifiedKey(), { timeout: 15_000 })
          .toMatchObject({ count: passedBefore - 1, text: expect.stringMatching(/not counted as passed in the headline\.$/) });
        await visitor.screenshot("04-public-verified-only");
        await visitor.legendScreenshot("05-legend-verified-only");
      } finally {
        await context.close();
      }
    });
  });
}
