import { BriefDriver } from "./brief-driver";

/** A hub member working their legislator on the district page (opened with `openDistrict`): the ladder and the meeting log. */
export class LadderDriver extends BriefDriver {
  card(name: string) {
    return this.page.getByRole("article", { name });
  }

  async moveTo(name: string, step: string, source: string, note: string): Promise<void> {
    const form = this.card(name).getByRole("form", { name: `Move ${name} on the ladder` });
    await form.getByLabel("Move to step").selectOption({ label: step });
    await form.getByLabel("Source").selectOption({ label: source });
    await form.getByLabel("Private note (optional)").fill(note);
    await form.getByRole("button", { name: "Save step" }).click();
  }

  stepBadge(name: string) {
    return this.card(name).locator(".ladder-steps .ladder-step").first();
  }

  async logMeeting(
    name: string,
    meeting: { place: string; hub: string; constituents: number; ask: string; answer: string; outcome: string; followUp: string; notes: string },
  ): Promise<void> {
    await this.card(name).getByText(`Log a meeting with ${name}`).click();
    const form = this.card(name).getByRole("form", { name: `Log a meeting with ${name}` });
    await form.getByLabel("Where").fill(meeting.place);
    await form.getByLabel(meeting.hub).check();
    await form.getByLabel("Constituents present").fill(String(meeting.constituents));
    await form.getByLabel("The ask").fill(meeting.ask);
    await form.getByLabel("Their answer").fill(meeting.answer);
    await form.getByLabel("Outcome step").selectOption({ label: meeting.outcome });
    await form.getByLabel("Follow-ups (one a line)").fill(meeting.followUp);
    await form.getByLabel("Private notes").fill(meeting.notes);
    await form.getByRole("button", { name: "Log the meeting" }).click();
    await form.getByText("Meeting logged.").waitFor();
  }

  meetings(name: string) {
    return this.card(name).getByRole("region", { name: `Meetings with ${name}` });
  }

  /** A lobby day's office card for one legislator (`/lobby-days/:id`). */
  visit(name: string) {
    return this.page.getByRole("listitem", { name: `Visit to ${name}` });
  }

  async openLobbyDay(lobbyDayId: number): Promise<void> {
    await this.page.goto(`${this.baseUrl}/lobby-days/${lobbyDayId}`);
    await this.page.locator(".lobby-figure").waitFor();
  }

  async signUpFor(name: string, person: string): Promise<void> {
    const form = this.visit(name).getByRole("form", { name: `Sign up to meet ${name}` });
    await form.getByLabel("Who is going").fill(person);
    await form.getByRole("button", { name: "Sign up" }).click();
    await form.getByText("Signed up.").waitFor();
  }
}
