import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ENDORSER_CLUSTER_LAYER, ENDORSER_POINT_LAYER, ENDORSER_SOURCE } from "../../../client/map/endorser-style";
import { screenshotDir } from "./helper";

/** An organizer bringing in endorsers and working them, and what the brief and the public page show of them. */
export class EndorserDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly label: string,
  ) {}

  importDialog() {
    return this.page.getByRole("dialog", { name: "Import" });
  }

  /** Pick an endorsers .csv in the Import dialog; returns once its dry run (or a refusal) shows. */
  async chooseEndorserFile(file: string): Promise<void> {
    await this.importDialog().getByLabel("File to import").setInputFiles(file);
    await this.importDialog().locator("[data-testid=endorser-summary], .error-notice").first().waitFor({ timeout: 60_000 });
  }

  endorserPreview() {
    return this.importDialog().getByTestId("endorser-preview");
  }

  importSummary() {
    return this.importDialog().getByTestId("endorser-summary");
  }

  async confirmEndorserImport(): Promise<void> {
    await this.importDialog()
      .getByRole("button", { name: /^Import [\d,]+ endorsers?$/ })
      .click();
    await this.importDialog().locator(".result-step, .error-notice").first().waitFor({ timeout: 60_000 });
  }

  importHeadline() {
    return this.importDialog().locator(".result-headline");
  }

  /** From the map's legend: the list of endorsers, then one by name, which opens its panel. */
  async openEndorser(name: string): Promise<void> {
    await this.page.getByTestId("endorser-legend").getByRole("button", { name: "List of endorsers" }).click();
    await this.page
      .getByTestId("endorser-list")
      .getByRole("button", { name: new RegExp(`^${name}`) })
      .click();
    await this.page.getByTestId("endorser-panel").waitFor();
  }

  /**
   * The legend's "Show on the map" for endorsers, set on or off. Then: the count the legend gives
   * each step (empty when hidden), whether the map's endorser layers are visible, and how many
   * endorsers the map's source holds.
   */
  async showEndorsersOnMap(on: boolean): Promise<{ counts: Record<string, string>; visible: boolean; points: number }> {
    const legend = this.page.getByTestId("endorser-legend");
    await legend.getByRole("checkbox", { name: /Show on the map/ }).setChecked(on);
    const visible = await this.page.waitForFunction(
      ({ layers, wanted }) => {
        const map = window.groundswellMap!.map;
        const states = layers.map((layer) => (map.getLayer(layer) ? map.getLayoutProperty(layer, "visibility") : "none"));
        return states.every((state) => (state ?? "visible") === wanted) ? wanted : null;
      },
      { layers: [ENDORSER_POINT_LAYER, ENDORSER_CLUSTER_LAYER], wanted: on ? "visible" : "none" },
    );
    const counts = Object.fromEntries(
      await legend
        .locator(".endorser-steps li[data-step]")
        .evaluateAll((items) => items.map((item) => [item.getAttribute("data-step")!, item.querySelector(".legend-count")?.textContent ?? ""])),
    );
    const points = await this.page.evaluate(async (source) => {
      const data = await (window.groundswellMap!.map.getSource(source) as { getData?: () => Promise<GeoJSON.FeatureCollection> } | undefined)?.getData?.();
      return data?.features.length ?? 0;
    }, ENDORSER_SOURCE);
    return { counts, visible: (await visible.jsonValue()) === "visible", points };
  }

  endorserPanel() {
    return this.page.getByTestId("endorser-panel");
  }

  async moveEndorserTo(stepLabel: string, note: string): Promise<void> {
    const panel = this.endorserPanel();
    await panel.getByLabel("Move to").selectOption({ label: stepLabel });
    await panel.getByLabel("Note (private)").fill(note);
    await panel.getByRole("button", { name: "Save step" }).click();
  }

  async openDistrict(districtId: number): Promise<void> {
    await this.page.goto(`${this.baseUrl}/districts/${districtId}`);
    await this.page.locator("main.district-page[data-brief-ready='1']").waitFor();
  }

  briefLine(): Promise<string> {
    return this.page.getByTestId("district-endorsers-line").innerText();
  }

  briefEndorsers(): Promise<string[]> {
    return this.page.getByTestId("district-endorsers").locator("li strong").allInnerTexts();
  }

  /** The campaign map with a district's panel open (`/?district=ID`): its endorsers line. */
  async districtPanelEndorsers(districtId: number): Promise<string> {
    await this.page.goto(`${this.baseUrl}/?district=${districtId}`);
    await this.page.locator("#district-panel-title").waitFor({ timeout: 60_000 });
    return this.page.getByTestId("district-panel-endorsers").innerText();
  }

  async openTargets(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/targets`);
    await this.page.locator(".targets-table").waitFor();
  }

  /** The targets view's Endorsers cell of a legislator's row. */
  async targetsEndorsers(legislator: string): Promise<string> {
    const table = this.page.locator(".targets-table");
    const column = (await table.locator("thead th").allInnerTexts()).findIndex((text) => text.trim() === "Endorsers");
    if (column < 0) throw new Error("the targets view has no Endorsers column");
    return (
      await table
        .locator("tbody tr", { has: this.page.getByRole("link", { name: legislator }) })
        .locator("th, td")
        .nth(column)
        .innerText()
    ).trim();
  }

  /** From the targets view, a legislator's page. */
  async openLegislator(name: string): Promise<void> {
    await this.page.getByRole("link", { name }).click();
    await this.page.getByRole("heading", { level: 1, name }).waitFor();
    await this.page.getByTestId("district-endorsers").waitFor();
  }

  /** The public page (no sign-in), the body found by the search box, its panel open. */
  async openPublicBody(search: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/public`);
    await this.page.locator(".legend").first().waitFor({ timeout: 60_000 });
    await this.page.locator(".status-overlay").waitFor({ state: "detached", timeout: 60_000 });
    const box = this.page.getByRole("combobox");
    await box.fill(search);
    await this.page.getByRole("option").first().waitFor();
    await box.press("Enter");
    await this.page.locator("#public-body-title").waitFor();
  }

  townEndorsers() {
    return this.page.getByTestId("town-endorsers");
  }

  /** The page is no wider than the window (nothing to scroll sideways on a phone). */
  pageWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }

  async screenshot(name: string, { fullPage = false }: { fullPage?: boolean } = {}): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage });
    return file;
  }
}
