import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshotDir } from "./helper";

/** An organiser looking at a ballot question: the map mode, the district brief and the public page. */
export class BallotDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly label: string,
  ) {}

  async openMap(pathAndSearch: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${pathAndSearch}`);
    await this.page.locator(".legend").first().waitFor({ timeout: 60_000 });
    await this.page.locator(".status-overlay").waitFor({ state: "detached", timeout: 60_000 });
    await this.page.waitForFunction(() => window.groundswellMap?.map.loaded() === true, null, { timeout: 60_000 });
  }

  /** "Colour the map by": a ballot question by name, or "" for the stages. */
  async colourBy(question: string): Promise<void> {
    const picker = this.page.getByTestId("ballot-picker");
    if (question === "") await picker.selectOption("");
    else await picker.selectOption({ label: `Ballot question: ${question}` });
  }

  async waitForBallotLegend(): Promise<void> {
    await this.page.getByTestId("ballot-legend").waitFor({ timeout: 30_000 });
    await this.page.waitForFunction(() => window.groundswellMap?.map.loaded() === true, null, { timeout: 30_000 });
  }

  legendTitle(): Promise<string> {
    return this.page.locator("#ballot-legend-title").innerText();
  }

  /** A count of the ballot legend: a class of % yes (0 = under 30 %, 5 = 70 % and over), partial towns, or towns where it did not run. */
  async legendCount(entry: number | "partial" | "none"): Promise<number> {
    return Number((await this.page.getByTestId(`ballot-count-${entry}`).innerText()).replace(/[^\d]/g, ""));
  }

  sentences(): Promise<string[]> {
    return this.page.getByTestId("ballot-sentence").allInnerTexts();
  }

  /** What the map holds for a body: its class of % yes (-1: did not run) and whether it is partial. */
  featureBallot(bodyId: number): Promise<{ ballot?: number; partial?: boolean }> {
    return this.page.evaluate((id) => {
      const state = window.groundswellMap!.map.getFeatureState({ source: "bodies", id }) as { ballot?: number; partial?: boolean };
      return { ballot: state.ballot, partial: state.partial };
    }, bodyId);
  }

  /** Districts outlined as where the question ran. */
  outlinedDistricts(): Promise<number> {
    return this.page.evaluate(() => window.groundswellMap!.map.querySourceFeatures("ballot-outline").length);
  }

  fillColorMode(): Promise<string> {
    return this.page.evaluate(() => JSON.stringify(window.groundswellMap!.map.getPaintProperty("body-fill", "fill-color")));
  }

  address(): string {
    return this.page.url();
  }

  async openDistrict(districtId: number, campaignId: number): Promise<void> {
    await this.page.goto(`${this.baseUrl}/districts/${districtId}?campaign=${campaignId}`);
    await this.page.locator("main.district-page[data-brief-ready='1']").waitFor();
    await this.page.locator(".brief-ballot").waitFor();
  }

  /** The press page of the question's map, once the map has drawn. */
  async openPrint(search: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/print?${search}`);
    await this.page.waitForFunction(() => document.documentElement.dataset.printReady === "1" || document.documentElement.dataset.printError !== undefined, null, {
      timeout: 60_000,
    });
  }

  printText(part: "title" | "legend" | "footer"): Promise<string> {
    const selector = { title: ".print-header h1", legend: "[data-testid='print-ballot-legend']", footer: ".print-footer" }[part];
    return this.page.locator(selector).innerText();
  }

  /** The PNG the Export menu downloads for this query: its status, type and first bytes. */
  async downloadPng(search: string): Promise<{ status: number; type: string | null; signature: string }> {
    const response = await this.page.request.get(`${this.baseUrl}/export/map.png?${search}`, { timeout: 120_000 });
    const body = await response.body();
    return { status: response.status(), type: response.headers()["content-type"] ?? null, signature: body.subarray(1, 4).toString("latin1") };
  }

  briefLine(): Promise<string> {
    return this.page.getByTestId("brief-ballot-line").innerText();
  }

  async resize(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
