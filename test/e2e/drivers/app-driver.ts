import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshotDir } from "./helper";

/** What a person does with the map screen, in their words; specs read like the job. */
export class AppDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly label: string,
  ) {}

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
    const box = this.page.getByRole("combobox");
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

  async featureStage(bodyId: number): Promise<string | undefined> {
    return this.page.evaluate((id) => window.groundswellMap!.map.getFeatureState({ source: "bodies", id }).stage as string | undefined, bodyId);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
