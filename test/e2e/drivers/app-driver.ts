import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Db } from "../../../server/db/connect";
import type { AccountRole } from "../../../shared/model/account";
import type { BodySummary } from "../../../shared/model/body";
import { ensureUser, TEST_PASSWORD } from "../../helpers/sign-in";
import { screenshotDir } from "./helper";

/** What a person does with the map screen, in their words; specs read like the job. */
export class AppDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly label: string,
    /** The app's database, where `signInAs` makes its accounts. */
    private readonly database?: Db,
  ) {}

  // Accounts

  /**
   * Sign in as `role` through the sign-in page: the account (`<role>@test.example`) is made in the
   * test database first when missing. Returns once the page has left /login for `next`.
   */
  async signInAs(role: AccountRole, { next = "/", hubId = null, email }: { next?: string; hubId?: number | null; email?: string } = {}): Promise<void> {
    if (!this.database) throw new Error("this driver was made without the app's database, so it cannot make accounts");
    const user = await ensureUser(this.database, role, { hubId, ...(email ? { email } : {}) });
    await this.page.goto(`${this.baseUrl}/login?next=${encodeURIComponent(next)}`);
    await this.submitSignIn(user.email, TEST_PASSWORD);
    await this.page.waitForURL((url) => url.pathname !== "/login", { timeout: 30_000 });
  }

  /** Fill in the sign-in form and press Enter in the password field, as a keyboard user would. */
  async submitSignIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByLabel("Password", { exact: true }).press("Enter");
  }

  /** The top bar's account corner: "Sign in", or the name, role and links of who is signed in. */
  accountArea() {
    return this.page.getByTestId("account");
  }

  async signOut(): Promise<void> {
    await this.accountArea().getByRole("button", { name: "Sign out" }).click();
    await this.accountArea().getByRole("link", { name: "Sign in" }).waitFor({ timeout: 30_000 });
  }

  async open(search = ""): Promise<void> {
    await this.page.goto(`${this.baseUrl}/${search}`);
    await this.waitForMap();
  }

  /** The legend is up and the map has drawn its first frame (no loading card left). */
  async waitForMap(): Promise<void> {
    await this.page.locator(".legend").waitFor();
    await this.page.locator(".status-overlay").waitFor({ state: "detached", timeout: 60_000 });
    await this.page.waitForFunction(() => window.groundswellMap?.map.loaded() === true, null, { timeout: 60_000 });
  }

  async legendCount(stageId: string): Promise<number> {
    const text = await this.page.getByTestId(`count-${stageId}`).innerText();
    return Number(text.replace(/[^\d]/g, ""));
  }

  async clickLegend(stageId: string): Promise<void> {
    await this.page.locator(`.legend-entry[data-stage="${stageId}"]`).click();
  }

  async search(query: string): Promise<void> {
    const box = this.page.getByRole("combobox", { name: /^Search bodies/ });
    await box.fill(query);
    await this.page.getByRole("option").first().waitFor();
    await box.press("Enter");
  }

  /** Click the body on the map canvas where it is drawn. */
  async clickBodyOnMap(bodyId: number): Promise<void> {
    await this.page.waitForFunction(() => !window.groundswellMap!.map.isMoving(), null, { timeout: 10_000 });
    const point = await this.page.evaluate((id) => window.groundswellMap!.screenPointOf(id), bodyId);
    if (!point) throw new Error(`body ${bodyId} is not on the map`);
    await this.page.mouse.move(point.x, point.y);
    await this.page.mouse.click(point.x, point.y);
  }

  panelTitle() {
    return this.page.locator("#body-panel-title");
  }

  async currentStageInPanel(): Promise<string | null> {
    return this.page.locator(".current-stage .stage-badge").getAttribute("data-stage");
  }

  async changeStage(toStage: string, note: string): Promise<void> {
    await this.page.getByLabel("Move to").selectOption(toStage);
    await this.page.getByLabel("Note (optional)").fill(note);
    await this.page.getByRole("button", { name: "Save stage" }).click();
  }

  /** Sign in as `role`, open the campaign map and wait until its live updates are connected. */
  async openLiveMapAs(role: AccountRole): Promise<void> {
    await this.signInAs(role);
    await this.open();
    await this.page.locator('[data-testid="live-indicator"][data-status="live"]').waitFor({ timeout: 30_000 });
  }

  /** A body of campaign 1 that has not started yet, as the page reads them. */
  async bodyNotStarted(): Promise<BodySummary> {
    const body = (await this.campaignBodies()).find((candidate) => candidate.stage === "not_started");
    if (!body) throw new Error("no body of campaign 1 is at not_started");
    return body;
  }

  /** The campaign's bodies with their stages, as the signed-in page reads them (`body.list`). */
  async campaignBodies(campaignId = 1): Promise<BodySummary[]> {
    return this.page.evaluate(async (id) => {
      const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: id }))}`);
      return (await response.json()).result.data;
    }, campaignId);
  }

  async featureStage(bodyId: number): Promise<string | undefined> {
    return this.page.evaluate((id) => window.groundswellMap!.bodyState(id).stage as string | undefined, bodyId);
  }

  /** Whether the map draws the bodies from vector tiles (a vector source), and how many bodies its loaded tiles hold. */
  async tileMode(): Promise<{ tiled: boolean; source: string | undefined; bodiesInTiles: number }> {
    return this.page.evaluate(() => {
      const controller = window.groundswellMap!;
      const source = controller.map.getSource("bodies")?.type;
      const ids = source === "vector" ? controller.map.querySourceFeatures("bodies", { sourceLayer: "bodies" }).map((feature) => feature.id) : [];
      return { tiled: controller.tiled, source, bodiesInTiles: new Set(ids).size };
    });
  }

  /** The body the map draws at the body's own label point (the fill layer's feature there), or null. */
  async bodyDrawnAt(bodyId: number): Promise<number | null> {
    return this.page.evaluate((id) => {
      const controller = window.groundswellMap!;
      const point = controller.screenPointOf(id);
      const hit = point && controller.map.queryRenderedFeatures([point.x, point.y], { layers: ["body-fill"] })[0];
      return typeof hit?.id === "number" ? hit.id : null;
    }, bodyId);
  }

  /** The map header's live-updates indicator: connecting, live, reconnecting or off. */
  async liveStatus(): Promise<string | null> {
    return this.page.getByTestId("live-indicator").getAttribute("data-status");
  }

  async legendTotal(): Promise<number> {
    const text = await this.page.locator(".legend-total").innerText();
    return Number(text.replace(/[^\d]/g, ""));
  }

  // The Import screen

  importDialog() {
    return this.page.getByRole("dialog", { name: "Import" });
  }

  async openImport(): Promise<void> {
    await this.page.getByRole("button", { name: "Import", exact: true }).click();
    await this.importDialog().waitFor();
  }

  /** Pick a file with the drop zone's file picker; returns once the preview or an error shows. */
  async chooseBoundaryFile(file: string): Promise<void> {
    await this.startChoosingBoundaryFile(file);
    await this.waitForPreview();
  }

  /** Pick a file and return at once, while it uploads. */
  async startChoosingBoundaryFile(file: string): Promise<void> {
    await this.importDialog().getByLabel("File to import").setInputFiles(file);
  }

  async waitForPreview(): Promise<void> {
    await this.importDialog().locator(".preview-step, .error-notice").first().waitFor({ timeout: 60_000 });
  }

  /** The upload bar's value (0…1), or null when no upload is showing. */
  async uploadProgress(): Promise<number | null> {
    const bar = this.importDialog().getByRole("progressbar", { name: "Upload progress" });
    if ((await bar.count()) === 0) return null;
    return Number(await bar.getAttribute("value"));
  }

  /** Throttle this page's uploads (Chromium's network emulation), so progress can be watched. */
  async slowUploadsTo(bytesPerSecond: number): Promise<void> {
    const session = await this.page.context().newCDPSession(this.page);
    await session.send("Network.enable");
    await session.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  }

  async previewFeatureCount(): Promise<number> {
    return Number((await this.page.getByTestId("preview-feature-count").innerText()).replace(/[^\d]/g, ""));
  }

  async previewShapesDrawn(): Promise<number> {
    return this.page.getByTestId("outline-preview").locator("path").count();
  }

  importError() {
    return this.importDialog().locator(".error-notice");
  }

  async describeImport(choices: { as: "bodies" | "districts"; kind?: string; chamber?: string; state?: string; nameField?: string; publisher?: string }): Promise<void> {
    const dialog = this.importDialog();
    await dialog.getByRole("radio", { name: choices.as === "bodies" ? /Municipal bodies/ : /Legislative districts/ }).check();
    if (choices.kind) await dialog.getByLabel("Kind of body").selectOption(choices.kind);
    if (choices.chamber) await dialog.getByLabel("Chamber").selectOption(choices.chamber);
    if (choices.state) await dialog.getByLabel("State", { exact: true }).selectOption(choices.state);
    if (choices.nameField) await dialog.getByLabel(/^Field with the/).selectOption(choices.nameField);
    if (choices.publisher !== undefined) await dialog.getByLabel("Boundaries published by").fill(choices.publisher);
  }

  /** What the Import screen proposes as the boundaries' publisher. */
  publisherGuess(): Promise<string> {
    return this.importDialog().getByLabel("Boundaries published by").inputValue();
  }

  /** The map's credit line ("Boundaries: …"), folded or not. */
  async mapCredit(): Promise<string> {
    return (await this.page.locator(".maplibregl-ctrl-attrib-inner").textContent()) ?? "";
  }

  async confirmImport(): Promise<void> {
    await this.importDialog()
      .getByRole("button", { name: /^Import \d/ })
      .click();
    await this.importDialog().locator(".result-step, .error-notice").first().waitFor({ timeout: 120_000 });
  }

  async importResult(figure: "read" | "created" | "updated" | "skipped"): Promise<number> {
    return Number((await this.page.getByTestId(`result-${figure}`).innerText()).replace(/[^\d]/g, ""));
  }

  importOverlapLine() {
    return this.page.getByTestId("result-overlaps");
  }

  districtLayerToggle(chamberLabel: string) {
    return this.page.locator(".layer-toggles label", { hasText: chamberLabel });
  }

  async backToMap(): Promise<void> {
    await this.importDialog().getByRole("button", { name: "Back to the map" }).click();
    await this.importDialog().waitFor({ state: "detached" });
  }

  // Legislators from Open States (same dialog)

  /** Pick an Open States file in the Import dialog; returns once the dry run for the guessed state (or a refusal) shows. */
  async chooseLegislatorFile(file: string): Promise<void> {
    await this.importDialog().getByLabel("File to import").setInputFiles(file);
    await this.importDialog().locator("[data-testid=legislator-summary], .error-notice").first().waitFor({ timeout: 60_000 });
  }

  legislatorPreview() {
    return this.importDialog().getByTestId("legislator-preview");
  }

  legislatorState() {
    return this.importDialog().getByLabel("State they sit in");
  }

  legislatorSummary() {
    return this.importDialog().getByTestId("legislator-summary");
  }

  async legislatorsUnmatched(): Promise<string[]> {
    return this.importDialog().getByTestId("legislator-unmatched").locator("li").allInnerTexts();
  }

  async confirmLegislatorImport(): Promise<void> {
    await this.importDialog()
      .getByRole("button", { name: /^Import [\d,]+ legislators?$/ })
      .click();
    await this.importDialog().locator(".result-step, .error-notice").first().waitFor({ timeout: 60_000 });
  }

  importHeadline() {
    return this.importDialog().locator(".result-headline");
  }

  // The spreadsheet import (same dialog) and the pipeline page

  /** Pick a .csv in the Import dialog; returns once the dry-run plan (or a refusal) shows. */
  async chooseSpreadsheet(file: string): Promise<void> {
    await this.importDialog().getByLabel("File to import").setInputFiles(file);
    await this.importDialog().locator("[data-testid=plan-summary], .error-notice").first().waitFor({ timeout: 60_000 });
  }

  planSummary() {
    return this.importDialog().getByTestId("plan-summary");
  }

  /** The row errors the dry run lists, as "Row 3: …" lines. */
  async planErrors(): Promise<string[]> {
    return this.importDialog().locator(".row-errors li").allInnerTexts();
  }

  spreadsheetImportButton() {
    return this.importDialog().getByRole("button", { name: /^Import [\d,]+ rows?$/ });
  }

  async confirmSpreadsheetImport(): Promise<void> {
    await this.spreadsheetImportButton().click();
    await this.importDialog().locator(".result-step, .error-notice").first().waitFor({ timeout: 60_000 });
  }

  async openPipelineFromMap(): Promise<void> {
    await this.page.getByRole("link", { name: "Pipeline", exact: true }).click();
    await this.waitForPipeline();
  }

  async openPipeline(search = ""): Promise<void> {
    await this.page.goto(`${this.baseUrl}/pipeline${search}`);
    await this.waitForPipeline();
  }

  async waitForPipeline(): Promise<void> {
    await this.page.getByTestId("pipeline-total").waitFor({ timeout: 60_000 });
  }

  /** "3,231 bodies match" → 3231. */
  async pipelineTotal(): Promise<number> {
    return Number((await this.page.getByTestId("pipeline-total").innerText()).replace(/[^\d]/g, ""));
  }

  async showPipelineAs(view: "Table" | "Board"): Promise<void> {
    await this.page.getByRole("group", { name: "Show as" }).getByRole("button", { name: view }).click();
  }

  async boardCount(stageId: string): Promise<number> {
    return Number((await this.page.locator(`.board-column[data-stage="${stageId}"] .board-count`).innerText()).replace(/[^\d]/g, ""));
  }

  async togglePipelineStage(stageId: string): Promise<void> {
    await this.page.locator(`.stage-toggle[data-stage="${stageId}"]`).click();
  }

  async filterPipeline(label: "Kind" | "County" | "Hub", optionLabel: string | RegExp): Promise<void> {
    const select = this.page.getByLabel(label, { exact: true });
    // The menus fill once the facets arrive.
    await select.locator("option").nth(1).waitFor({ state: "attached", timeout: 30_000 });
    const options = await select.locator("option").allInnerTexts();
    const match = options.find((text) => (typeof optionLabel === "string" ? text === optionLabel : optionLabel.test(text)));
    if (!match) throw new Error(`no ${label} option ${String(optionLabel)} among ${options.slice(0, 10).join(", ")}…`);
    await select.selectOption({ label: match });
  }

  /** Body names in the table's current page, in order. */
  async pipelineTableBodies(): Promise<string[]> {
    return this.page.locator(".pipeline-table tbody tr td:first-child").allInnerTexts();
  }

  async upcomingVotes(): Promise<string[]> {
    return this.page.locator(".upcoming li").allInnerTexts();
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
