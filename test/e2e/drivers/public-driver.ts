import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshotDir } from "./helper";

/** What a visitor does on the public map and the embed, in their words. */
export class PublicDriver {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly label: string,
  ) {}

  async open(pathAndSearch: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${pathAndSearch}`);
    await this.waitForMap();
  }

  async waitForMap(): Promise<void> {
    await this.page.locator(".legend").waitFor({ timeout: 60_000 });
    await this.page.locator(".status-overlay").waitFor({ state: "detached", timeout: 60_000 });
    await this.page.waitForFunction(() => window.groundswellMap?.map.loaded() === true, null, { timeout: 60_000 });
  }

  async legendCount(stageId: string): Promise<number> {
    return Number((await this.page.getByTestId(`count-${stageId}`).innerText()).replace(/[^\d]/g, ""));
  }

  async search(query: string): Promise<void> {
    const box = this.page.getByRole("combobox");
    await box.fill(query);
    await this.page.getByRole("option").first().waitFor();
    await box.press("Enter");
  }

  bodyTitle() {
    return this.page.locator("#public-body-title");
  }

  async featureStage(bodyId: number): Promise<string | undefined> {
    return this.page.evaluate((id) => window.groundswellMap!.bodyState(id).stage as string | undefined, bodyId);
  }

  /** Whether the map hatches the body as a pass not yet verified (its feature-state), and whether the hatch layer is drawn. */
  async hatchedAsUnverified(bodyId: number): Promise<boolean> {
    return this.page.evaluate((id) => {
      const map = window.groundswellMap!.map;
      const shown = map.getLayer("body-unverified") !== undefined && map.getLayoutProperty("body-unverified", "visibility") !== "none";
      return shown && map.getFeatureState({ source: "bodies", id }).unverified === true;
    }, bodyId);
  }

  /** The legend's "Passed, not yet verified" entry: its count and the sentence under it, or null when absent. */
  async unverifiedKey(): Promise<{ count: number; text: string } | null> {
    const key = this.page.getByTestId("unverified-key");
    if ((await key.count()) === 0) return null;
    return { count: Number((await this.page.getByTestId("count-unverified").innerText()).replace(/[^\d]/g, "")), text: await key.innerText() };
  }

  /** The press map (`/print`, what the PNG and PDF exports render) of a campaign, once drawn. */
  async openPrint(campaignSlug: string): Promise<void> {
    await this.page.setViewportSize({ width: 1600, height: 1000 });
    await this.page.goto(`${this.baseUrl}/print?campaign=${encodeURIComponent(campaignSlug)}`);
    await this.page.waitForFunction(() => document.documentElement.dataset.printReady === "1" || document.documentElement.dataset.printError !== undefined, null, {
      timeout: 60_000,
    });
  }

  /** The press legend's "Passed, not yet verified" row, or null. */
  async printUnverifiedRow(): Promise<string | null> {
    const row = this.page.getByTestId("print-unverified");
    return (await row.count()) ? row.innerText() : null;
  }

  /** Another window size (a phone, a desktop); on a phone, opens the legend's bottom sheet. */
  async resize(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
    const summary = this.page.locator(".legend-summary");
    if ((await summary.isVisible()) && (await summary.getAttribute("aria-expanded")) === "false") await summary.click();
  }

  /** Move the "Map as of" slider to `day`, then one day back and forth with the arrow keys. */
  async slideAsOfTo(day: string): Promise<void> {
    const slider = this.page.getByRole("slider");
    const first = (await slider.getAttribute("data-first"))!;
    const index = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
    await slider.fill(String(index + 1));
    await slider.press("ArrowLeft");
    await this.page.waitForFunction((expected) => new URL(window.location.href).searchParams.get("asof") === expected, day, { timeout: 10_000 });
  }

  async toggle(name: "Table" | "Patterns"): Promise<void> {
    await this.page.getByRole("button", { name, exact: true }).click();
  }

  /** The headline figure over the map ("12 of 217 passed…"). */
  async headline(): Promise<string> {
    return this.page.getByTestId("public-headline").innerText();
  }

  /** "Contact your legislator" from a town's name: the legislators' names listed, and the panel's text. */
  async contactLegislatorsOf(town: string): Promise<{ names: string[]; text: string }> {
    await this.page.getByRole("button", { name: "Contact your legislator" }).click();
    const panel = this.page.locator(".contact-panel");
    await panel.getByLabel("Town or city").fill(town);
    await panel.getByRole("button", { name: "Find", exact: true }).click();
    const names = panel.locator(".legislators-found h3");
    await names.first().waitFor();
    const list = await names.evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent?.trim() ?? ""));
    return { names: list, text: await panel.innerText() };
  }

  /**
   * In the open contact panel: "Pick on the map", then a click where body `bodyId` is drawn (the
   * map centred on it first, clear of the panel). The names listed once the picked point is searched.
   */
  async contactLegislatorsPickedAt(bodyId: number): Promise<{ names: string[]; text: string; bannerShown: boolean }> {
    const panel = this.page.locator(".contact-panel");
    await panel.getByRole("button", { name: "Pick on the map" }).click();
    const banner = this.page.locator(".point-pick-banner");
    await banner.waitFor();
    const bannerShown = (await banner.innerText()).includes("Click or tap the map where you live.");
    await this.screenshot("01a-pick-on-the-map");
    const point = await this.page.evaluate((id) => {
      const controller = window.groundswellMap!;
      const at = controller.screenPointOf(id)!;
      controller.map.jumpTo({ center: controller.map.unproject([at.x, at.y]) });
      return controller.screenPointOf(id)!;
    }, bodyId);
    await this.page.mouse.click(point.x, point.y);
    await banner.waitFor({ state: "detached" });
    await panel.getByText("Looking at the point you picked on the map.").waitFor();
    const names = panel.locator(".legislators-found h3");
    await names.first().waitFor();
    const list = await names.evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent?.trim() ?? ""));
    return { names: list, text: await panel.innerText(), bannerShown };
  }

  /** The lower edge of the first element matching `selector`, in CSS pixels from the top. */
  async bottomOf(selector: string): Promise<number> {
    const box = await this.page.locator(selector).first().boundingBox();
    return box ? box.y + box.height : 0;
  }

  /** The visible parts of `selector` (tag.class) that stick out of the window on the right. */
  async overflowingWidth(selector: string): Promise<string[]> {
    return this.page
      .locator(selector)
      .first()
      .evaluate((root) =>
        [root, ...root.querySelectorAll("*")]
          .filter((element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`),
      );
  }

  /** Pairs of the visible elements (first match of each selector) whose boxes overlap, as "a × b". */
  async overlapping(selectors: string[]): Promise<string[]> {
    const boxes = [];
    for (const selector of selectors) {
      const element = this.page.locator(selector).first();
      if ((await element.count()) && (await element.isVisible())) boxes.push({ selector, box: (await element.boundingBox())! });
    }
    const pairs: string[] = [];
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) {
        const apart = a.box.x + a.box.width <= b.box.x || b.box.x + b.box.width <= a.box.x || a.box.y + a.box.height <= b.box.y || b.box.y + b.box.height <= a.box.y;
        if (!apart) pairs.push(`${a.selector} × ${b.selector}`);
      }
    }
    return pairs;
  }

  async html(): Promise<string> {
    return this.page.content();
  }

  /** The legend alone (its headline and counts), which page headers may cover on a small screen. */
  async legendScreenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.locator(".legend").screenshot({ path: file });
    return file;
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
