import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshotDir } from "./helper";

/** The sign-in, invite, Users and Audit log pages, in an admin's and an invitee's words. */
export class AccountDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly label: string,
  ) {}

  // Sign-in

  async openSignIn(next?: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
    await this.page.getByRole("heading", { name: "Sign in" }).waitFor();
  }

  /** Type the email and password and press Enter, as a keyboard user would. */
  async signInWith(email: string, password: string): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByLabel("Password", { exact: true }).press("Enter");
  }

  signInFailure() {
    return this.page.locator(".auth-form [role=alert]");
  }

  // Invite and password links

  async openLink(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator(".auth-card h1").waitFor();
    await this.page.locator(".auth-card [role=status]").waitFor({ state: "detached" });
  }

  pageTitle() {
    return this.page.locator(".auth-card h1");
  }

  async linkFacts(): Promise<{ email: string; role: string }> {
    return { email: await this.page.getByTestId("link-email").innerText(), role: await this.page.getByTestId("link-role").innerText() };
  }

  async acceptInvite({ name, password, again = password }: { name: string; password: string; again?: string }): Promise<void> {
    await this.page.getByLabel("Your name, as others will see it").fill(name);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByLabel("The same password again").fill(again);
    await this.page.getByRole("button", { name: "Create my account" }).click();
  }

  formProblem() {
    return this.page.locator(".auth-form [role=alert]");
  }

  // Users

  async openUsersFromMenu(): Promise<void> {
    await this.page.getByTestId("account").getByRole("link", { name: "Users" }).click();
    await this.page.getByRole("heading", { name: /^Accounts \(\d+\)$/ }).waitFor({ timeout: 30_000 });
  }

  async openUsers(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/admin/users`);
    await this.page.getByRole("heading", { name: /^Accounts \(\d+\)$/ }).waitFor({ timeout: 30_000 });
  }

  /** Make a password link for an account on the Users page; returns the full link it shows. */
  async makePasswordLink(email: string): Promise<string> {
    await this.userRow(email).getByRole("button", { name: "Password link" }).click();
    const box = this.page.getByTestId("issued-link").filter({ hasText: `Password link for ${email}` });
    await box.waitFor();
    return box.getByRole("textbox").inputValue();
  }

  async changeRole(email: string, role: string): Promise<void> {
    const row = this.userRow(email);
    await row.getByRole("combobox", { name: /^Role of / }).selectOption(role);
    await row.getByRole("button", { name: "Save" }).click();
    await row.getByRole("button", { name: "Save" }).waitFor({ state: "detached" });
  }

  async setNewPassword(password: string, again = password): Promise<void> {
    await this.page.getByLabel("New password", { exact: true }).fill(password);
    await this.page.getByLabel("The same password again").fill(again);
    await this.page.getByRole("button", { name: "Save the new password" }).click();
  }

  /** Make an invite link on the Users page; returns the full link it shows. */
  async invite(email: string, role: string): Promise<string> {
    const form = this.page.locator("form.invite-form");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption(role);
    await form.getByRole("button", { name: "Make an invite link" }).click();
    const box = this.page.getByTestId("issued-link");
    await box.waitFor();
    return box.getByRole("textbox").inputValue();
  }

  issuedLink() {
    return this.page.getByTestId("issued-link");
  }

  userRow(email: string) {
    return this.page.getByTestId(`user-${email}`);
  }

  // Audit log

  async openAuditFromMenu(): Promise<void> {
    await this.page.getByTestId("account").getByRole("link", { name: "Audit log" }).click();
    await this.page.getByTestId("audit-entry").first().waitFor({ timeout: 30_000 });
  }

  async showAuditOf(kindLabel: string): Promise<void> {
    await this.page.getByLabel("Show").selectOption({ label: kindLabel });
    await this.page.waitForFunction(() => document.querySelector(".audit-table") !== null && !document.body.innerText.includes("Loading…"));
  }

  auditEntries() {
    return this.page.getByTestId("audit-entry");
  }

  /** The changed fields of the n-th entry, opened: field → [before, after]. */
  async auditChanges(index: number): Promise<Record<string, [string, string]>> {
    await this.auditEntries()
      .nth(index)
      .getByRole("button", { name: /^Show \d+ changed fields?$/ })
      .click();
    const rows = await this.page.getByTestId("audit-diff").first().locator("tbody tr").all();
    const changes: Record<string, [string, string]> = {};
    for (const row of rows) {
      changes[await row.locator("th").innerText()] = [await row.locator("td.before").innerText(), await row.locator("td.after").innerText()];
    }
    return changes;
  }

  async loadOlder(): Promise<void> {
    const before = await this.auditEntries().count();
    await this.page.getByRole("button", { name: "Load older" }).click();
    await this.page.waitForFunction((count) => document.querySelectorAll("[data-testid=audit-entry]").length > count, before);
  }

  async screenshot(name: string, { fullPage = false } = {}): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage });
    return file;
  }
}
