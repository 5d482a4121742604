import type { Page } from "playwright-core";
import { CSRF_HEADERS } from "../../../shared/csrf";

/** The campaign workflow in the body panel and the dashboard, in the organizer's words. */
export class WorkflowDriver {
  constructor(readonly page: Page) {}

  private voteSection() {
    return this.page.getByRole("region", { name: "Vote" });
  }

  private whipSection() {
    return this.page.getByRole("region", { name: "Whip count" });
  }

  async recordVote({ date, yes, no, abstain = 0, absent = 0 }: { date: string; yes: number; no: number; abstain?: number; absent?: number }): Promise<void> {
    const vote = this.voteSection();
    await vote.getByRole("group", { name: "Vote", exact: true }).getByLabel("Date").fill(date);
    const tally = vote.getByRole("group", { name: "Tally" });
    await tally.getByLabel("Yes").fill(String(yes));
    await tally.getByLabel("No", { exact: true }).fill(String(no));
    await tally.getByLabel("Abstain").fill(String(abstain));
    await tally.getByLabel("Absent").fill(String(absent));
    await vote.getByRole("button", { name: "Save vote details" }).click();
  }

  async setVoteLocation(location: string): Promise<void> {
    await this.voteSection().getByRole("group", { name: "Vote", exact: true }).getByLabel("Location").fill(location);
    await this.voteSection().getByRole("button", { name: "Save vote details" }).click();
  }

  voteLocation() {
    return this.voteSection().getByRole("group", { name: "Vote", exact: true }).getByLabel("Location");
  }

  conflictNotice() {
    return this.voteSection().locator(".conflict-notice");
  }

  async reapplyMyChange(): Promise<void> {
    await this.conflictNotice().getByRole("button", { name: "Re-apply my change" }).click();
  }

  /** Another organizer saves the same resolution from elsewhere (straight through the API). */
  async someoneElseSaves(input: { campaignId: number; bodyId: number; changes: Record<string, unknown> }): Promise<void> {
    await this.page.evaluate(
      async ({ input, headers }) => {
        const key = { campaignId: input.campaignId, bodyId: input.bodyId };
        const current = await (await fetch(`/trpc/resolution.get?input=${encodeURIComponent(JSON.stringify(key))}`)).json();
        const response = await fetch("/trpc/resolution.update", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ ...key, expectedVersion: current.result.data.version, changes: input.changes }),
        });
        if (!response.ok) throw new Error(`the other save failed: ${response.status} ${await response.text()}`);
      },
      { input, headers: { ...CSRF_HEADERS } },
    );
  }

  async setSeats(seats: number): Promise<void> {
    const whip = this.whipSection();
    await whip.locator(".voting-setup summary").click();
    await whip.getByLabel("Seats").fill(String(seats));
    await whip.getByRole("button", { name: "Save voting rules" }).click();
  }

  whipLine() {
    return this.page.getByTestId("whip-line");
  }

  async addMember(name: string, role: string): Promise<void> {
    const whip = this.whipSection();
    const form = whip.locator(".add-member");
    await form.locator("summary").click();
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Role (optional)").fill(role);
    await form.getByRole("button", { name: "Add member" }).click();
    await whip.getByLabel(`Position of ${name}`).waitFor();
  }

  async setPosition(name: string, position: string): Promise<void> {
    await this.whipSection().getByLabel(`Position of ${name}`).selectOption(position);
  }

  async setSponsor(name: string, role: "lead" | "cosponsor"): Promise<void> {
    await this.whipSection().getByLabel(`Sponsor role of ${name}`).selectOption(role);
  }

  async addNextAction(title: string, dueOn: string): Promise<void> {
    const section = this.page.getByRole("region", { name: /Next actions/ });
    await section.getByLabel("Next action").fill(title);
    await section.getByLabel("Due").fill(dueOn);
    await section.getByRole("button", { name: "Add next action" }).click();
    await section.getByText(title).waitFor();
  }

  async undoLastStageChange(): Promise<void> {
    await this.page.getByRole("button", { name: /^Undo last change/ }).click();
  }

  async openDashboard(): Promise<void> {
    await this.page.getByRole("button", { name: "Dashboard" }).click();
    await this.page.getByRole("heading", { name: "Dashboard" }).waitFor();
  }

  dashboard() {
    return this.page.locator(".dashboard");
  }

  async scrollPanelTo(heading: string): Promise<void> {
    await this.page.getByRole("heading", { name: heading }).first().scrollIntoViewIfNeeded();
  }

  // Campaign settings

  async openCampaignSettings(): Promise<void> {
    await this.page.getByRole("link", { name: "Campaign settings" }).click();
    await this.page.getByRole("heading", { name: "Stages" }).waitFor();
  }

  async writeModelText(text: string): Promise<void> {
    await this.page.getByLabel(/^Model resolution/).fill(text);
  }

  modelPreview() {
    return this.page.getByLabel("Preview of the model resolution");
  }

  async saveCampaign(): Promise<void> {
    await this.page.getByRole("button", { name: "Save campaign" }).click();
    await this.page.getByText("Saved.").waitFor();
  }

  async renameStage(stageId: string, label: string): Promise<void> {
    await this.page.getByLabel(`Label of stage ${stageId}`).fill(label);
  }

  async addStage(label: string): Promise<void> {
    await this.page.getByLabel("New stage").fill(label);
    await this.page.getByRole("button", { name: "Add stage" }).click();
  }

  async saveStages(): Promise<void> {
    await this.page.getByRole("button", { name: "Save stages" }).click();
    await this.page.getByText("Stages saved.").waitFor();
  }
}
