import type { Page } from "playwright-core";

/** What an organizer does with a passed body's evidence, in their words (the body panel is open). */
export class EvidenceDriver {
  constructor(readonly page: Page) {}

  section() {
    return this.page.locator(".evidence-section");
  }

  async verificationState(): Promise<string> {
    return (await this.page.getByTestId("verification-state").locator("strong").innerText()).trim();
  }

  async uploadFile(file: string, category: "Minutes" | "Adopted text" | "Signed copy" | "News article"): Promise<void> {
    await this.section().scrollIntoViewIfNeeded();
    await this.page.getByLabel("What it is").selectOption({ label: category });
    await this.page.locator("#evidence-file").setInputFiles(file);
    await this.page.getByRole("button", { name: "Upload file" }).click();
  }

  async addLink(url: string): Promise<void> {
    await this.page.getByLabel("Link", { exact: true }).fill(url);
    await this.page.getByRole("button", { name: "Add link" }).click();
  }

  items() {
    return this.page.getByTestId("evidence-item");
  }

  async makePublic(name: string): Promise<void> {
    await this.items().filter({ hasText: name }).getByRole("button", { name: "Make public" }).click();
  }

  async verify(note: string): Promise<void> {
    await this.page.getByLabel("Note (optional, private)").fill(note);
    await this.page.getByRole("button", { name: "Verify pass" }).click();
  }

  /** The refusal shown in the evidence section, if any. */
  errorText() {
    return this.section().locator(".error-notice p");
  }
}
