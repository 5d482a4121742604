import fs from "node:fs";
import { chromium } from "playwright-core";
import { PRINT_WIDTH, type PressSnapshot } from "../../shared/model/public-view";
import { GroundswellError } from "../errors";

/** The browser is missing or would not start: exports that need it answer 503 / exit 1 with this line. */
export class RendererUnavailableError extends GroundswellError {}

export type MapFormat = "png" | "pdf";

export interface PrintSettings {
  title?: string | null;
  subtitle?: string | null;
  bbox?: readonly number[] | null;
  patterns?: boolean;
}

/** `/print?…` for a snapshot: the page reads its numbers from the injected snapshot, these only set the layout. */
export function printQuery(snapshot: PressSnapshot, settings: PrintSettings): string {
  const params = new URLSearchParams({ campaign: snapshot.campaign.slug });
  if (snapshot.asOf) params.set("asof", snapshot.asOf);
  if (snapshot.filters.stages) params.set("stages", snapshot.filters.stages.join(","));
  const bbox = settings.bbox ?? snapshot.filters.bbox;
  if (bbox) params.set("bbox", bbox.join(","));
  if (settings.title) params.set("title", settings.title);
  if (settings.subtitle) params.set("subtitle", settings.subtitle);
  if (settings.patterns) params.set("patterns", "1");
  return params.toString();
}

/**
 * Render the print page of `snapshot` with headless Chromium against a Groundswell server at
 * `baseUrl` (the caller's own, or one started in-process by the CLI). The snapshot is injected
 * before the page loads, so the picture shows exactly the numbers the other files were written
 * from. PNG: the page at device scale 2. PDF: one page as tall as the content, text kept as text.
 */
/** Fail early, in one line, when the browser is not there. */
export function assertChromium(chromiumPath: string): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new RendererUnavailableError(
      `Chromium is not installed at ${chromiumPath}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** One render at a time: each starts its own browser, and two at once would starve a small machine. */
export function renderMap(...args: Parameters<typeof renderMapNow>): Promise<Buffer> {
  const next = queue.then(() => renderMapNow(...args));
  queue = next.catch(() => undefined);
  return next;
}

async function renderMapNow(
  { baseUrl, chromiumPath }: { baseUrl: string; chromiumPath: string },
  snapshot: PressSnapshot,
  format: MapFormat,
  settings: PrintSettings = {},
): Promise<Buffer> {
  assertChromium(chromiumPath);
  const browser = await chromium
    .launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    })
    .catch((error: unknown) => {
      throw new RendererUnavailableError(`Chromium at ${chromiumPath} would not start: ${String((error as Error).message).split("\n")[0]}`);
    });
  try {
    const context = await browser.newContext({ viewport: { width: PRINT_WIDTH, height: 1200 }, deviceScaleFactor: format === "png" ? 2 : 1 });
    const page = await context.newPage();
    await page.addInitScript((injected) => {
      (window as unknown as { groundswellSnapshot: unknown }).groundswellSnapshot = injected;
    }, snapshot);
    await page.goto(`${baseUrl}/print?${printQuery(snapshot, settings)}`);
    await page.waitForFunction(() => document.documentElement.dataset.printReady || document.documentElement.dataset.printError, null, { timeout: 120_000 });
    const failure = await page.evaluate(() => document.documentElement.dataset.printError);
    if (failure) throw new GroundswellError(`the map could not be drawn: ${failure}`);
    const sheet = page.locator(".print-page");
    if (format === "png") return await sheet.screenshot({ type: "png", animations: "disabled" });
    const height = await sheet.evaluate((element) => Math.ceil(element.getBoundingClientRect().height));
    await page.emulateMedia({ media: "screen" });
    return await page.pdf({ width: `${PRINT_WIDTH}px`, height: `${height + 2}px`, printBackground: true, pageRanges: "1" });
  } finally {
    await browser.close();
  }
}
