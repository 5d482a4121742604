import { describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { useAppSession } from "./drivers/session";
import { WorkflowDriver } from "./drivers/workflow-driver";
import { browserEngines } from "./drivers/helper";

for (const engine of browserEngines()) {
  describe(`the campaign workflow (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-workflow`);

    it("records a vote with a tally, counts members, handles a conflicting save and undoes the stage change", async () => {
      const { driver } = session();
      const workflow = new WorkflowDriver(driver.page);
      await driver.signInAs("organizer");
      await driver.open();
      const bodies: BodySummary[] = await driver.page.evaluate(async () => {
        const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`);
        return (await response.json()).result.data;
      });
      // A large county in the lower 48 with a vote scheduled.
      const target = bodies
        .filter((body) => body.stage === "vote_scheduled" && body.bbox[0] > -125 && body.bbox[2] < -67 && body.bbox[1] > 25)
        .sort((a, b) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) - (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]))[0]!;
      await driver.search(`${target.name} ${target.state}`);
      await expect.poll(() => driver.panelTitle().innerText(), { timeout: 15_000 }).toBe(target.name);
      const before = { scheduled: await driver.legendCount("vote_scheduled"), passed: await driver.legendCount("passed") };

      // Record the vote: the tally passes it, the body turns passed on the map and in the legend.
      await workflow.recordVote({ date: "2026-11-20", yes: 6, no: 2, abstain: 1 });
      await expect.poll(() => driver.currentStageInPanel(), { timeout: 15_000 }).toBe("passed");
      await expect.poll(() => driver.legendCount("passed"), { timeout: 15_000 }).toBe(before.passed + 1);
      expect(await driver.legendCount("vote_scheduled")).toBe(before.scheduled - 1);
      await expect.poll(() => driver.featureStage(target.id), { timeout: 15_000 }).toBe("passed");
      await expect.poll(() => driver.page.locator(".history li").first().innerText(), { timeout: 15_000 }).toContain("Tally recorded: 6 yes, 2 no, 1 abstain, 0 absent");
      await driver.screenshot("01-vote-recorded");

      // The whip count: seats first, then a member with a position changes the line.
      await workflow.setSeats(7);
      await expect.poll(() => workflow.whipLine().innerText(), { timeout: 15_000 }).toBe("4 of 7 needed: 7 unknown — 4 more needed");
      await workflow.addMember("Dana Whip", "Councillor, Ward 2");
      await workflow.setPosition("Dana Whip", "yes");
      await expect.poll(() => workflow.whipLine().innerText(), { timeout: 15_000 }).toBe("4 of 7 needed: 1 yes, 6 unknown — 3 more needed");
      await workflow.setSponsor("Dana Whip", "lead");
      await expect.poll(() => driver.page.locator(".sponsor-mark").first().innerText(), { timeout: 15_000 }).toBe("Lead sponsor");
      await workflow.addNextAction("Thank-you letter to Councillor Whip", "2026-01-05");
      await workflow.scrollPanelTo("Whip count");
      await driver.screenshot("02-whip-count");

      // Someone else saves the vote location while this form is open: a conflict with their value, then re-apply.
      await workflow.voteLocation().fill("Council chambers");
      await workflow.someoneElseSaves({ campaignId: 1, bodyId: target.id, changes: { voteLocation: "City Hall annex", minutesUrl: "https://example.org/minutes" } });
      await workflow.setVoteLocation("Council chambers");
      await workflow.conflictNotice().waitFor();
      expect(await workflow.conflictNotice().innerText()).toContain("City Hall annex");
      await driver.screenshot("03-conflict");
      await workflow.reapplyMyChange();
      await expect.poll(() => workflow.voteLocation().inputValue(), { timeout: 15_000 }).toBe("Council chambers");
      expect(await workflow.conflictNotice().count()).toBe(0);
      await expect.poll(() => driver.page.locator(".saved-links").innerText(), { timeout: 15_000 }).toContain("Minutes");

      // Undo the stage change: a new event back to "vote scheduled", and the legend moves back.
      await workflow.scrollPanelTo("History");
      await workflow.undoLastStageChange();
      await expect.poll(() => driver.currentStageInPanel(), { timeout: 15_000 }).toBe("vote_scheduled");
      await expect.poll(() => driver.legendCount("passed"), { timeout: 15_000 }).toBe(before.passed);
      expect(await driver.legendCount("vote_scheduled")).toBe(before.scheduled);
      await expect.poll(() => driver.page.locator(".history li").first().innerText(), { timeout: 15_000 }).toContain('Undo of "Passed"');
      expect(await driver.page.locator(".history li").count()).toBeGreaterThanOrEqual(2);
      await driver.screenshot("04-undone");

      // The dashboard lists the overdue next action.
      await driver.page.getByRole("button", { name: "Close panel" }).click();
      await workflow.openDashboard();
      await expect.poll(() => workflow.dashboard().innerText(), { timeout: 15_000 }).toContain("Thank-you letter to Councillor Whip");
      await driver.screenshot("05-dashboard");
    });

    it("edits the campaign: model text rendered without raw HTML, a renamed and an added stage on the map", async () => {
      const { driver } = session();
      const workflow = new WorkflowDriver(driver.page);
      // Campaign settings are for admins.
      await driver.signInAs("admin");
      await driver.open();
      await workflow.openCampaignSettings();
      await workflow.writeModelText(
        "# Resolution\n\n**Whereas** health care is a right;\n\n<script>window.pwned = 1</script>\n\n- [the bill](https://example.org/bill)\n- [bad](javascript:alert)",
      );
      await expect.poll(() => workflow.modelPreview().locator("strong").innerText(), { timeout: 15_000 }).toBe("Whereas");
      expect(await workflow.modelPreview().locator("script").count()).toBe(0);
      expect(await workflow.modelPreview().innerText()).toContain("<script>window.pwned = 1</script>");
      expect(await workflow.modelPreview().locator("a").count()).toBe(1);
      await workflow.saveCampaign();
      await workflow.renameStage("organizing", "Building a team");
      await workflow.addStage("Public hearing");
      await driver.screenshot("06-campaign-settings");
      await workflow.saveStages();
      await driver.page.getByRole("link", { name: "← Back to the map" }).click();
      await driver.waitForMap();
      await expect.poll(() => driver.page.locator('.legend-entry[data-stage="organizing"]').innerText(), { timeout: 15_000 }).toContain("Building a team");
      expect(await driver.legendCount("public_hearing")).toBe(0);
    });
  });
}
