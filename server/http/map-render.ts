import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
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
  /** A ballot question's map (the print page colours towns by its % yes). */
  ballot?: number | null;
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
  if (settings.ballot) params.set("ballot", String(settings.ballot));
  return params.toString();
}

/** Fail early, in one line, when the browser is not there. */
export function assertChromium(chromiumPath: string): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new RendererUnavailableError(`Chromium is not installed at ${chromiumPath}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
}

/**
 * One headless Chromium per process, started by the first render and kept for the next ones,
 * with a browser context per device scale whose HTTP cache keeps the client's scripts and the
 * map's geometry between renders. It closes after a minute without a render, or at once through
 * `closeRenderer()` (the CLI once its files are written, the server when it closes).
 */
interface KeptBrowser {
  chromiumPath: string;
  browser: Promise<Browser>;
  contexts: Map<number, Promise<BrowserContext>>;
}
let kept: KeptBrowser | undefined;
let idleTimer: NodeJS.Timeout | undefined;
const IDLE_MS = 60_000;

function keptBrowser(chromiumPath: string): KeptBrowser {
  if (kept?.chromiumPath === chromiumPath) return kept;
  // Another CHROMIUM_PATH than the kept browser's (tests switch it): that one goes.
  void kept?.browser.then((browser) => browser.close()).catch(() => undefined);
  const browser = chromium
    .launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    })
    .catch((error: unknown) => {
      throw new RendererUnavailableError(`Chromium at ${chromiumPath} would not start: ${String((error as Error).message).split("\n")[0]}`);
    });
  const entry: KeptBrowser = { chromiumPath, browser, contexts: new Map() };
  kept = entry;
  const forget = () => {
    if (kept === entry) kept = undefined;
  };
  browser.then((started) => started.on("disconnected", forget), forget);
  return entry;
}

function contextAt(entry: KeptBrowser, deviceScaleFactor: number): Promise<BrowserContext> {
  let context = entry.contexts.get(deviceScaleFactor);
  if (!context) {
    context = entry.browser.then((browser) => browser.newContext({ viewport: { width: PRINT_WIDTH, height: 1200 }, deviceScaleFactor }));
    context.catch(() => entry.contexts.delete(deviceScaleFactor));
    entry.contexts.set(deviceScaleFactor, context);
  }
  return context;
}

/** Close the kept browser once the renders already asked for are done (nothing to do when none runs). */
export async function closeRenderer(): Promise<void> {
  await queue;
  clearTimeout(idleTimer);
  const entry = kept;
  kept = undefined;
  if (entry) await entry.browser.then((browser) => browser.close()).catch(() => undefined);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Render the print page of `snapshot` with headless Chromium against a Groundswell server at
 * `baseUrl` (the caller's own, or one started in-process by the CLI), once for every format asked
 * for. The snapshot is injected before the page loads, so the picture shows exactly the numbers
 * the other files were written from. PNG: the sheet at device scale 2. PDF: one page as tall as
 * the sheet, text kept as text (drawn from the same page when both are asked for). One render at
 * a time: two at once would starve a small machine.
 */
export function renderMaps<F extends MapFormat>(
  renderer: { baseUrl: string; chromiumPath: string },
  snapshot: PressSnapshot,
  formats: readonly F[],
  settings: PrintSettings = {},
): Promise<Record<F, Buffer>> {
  const next = queue.then(() => renderNow(renderer, snapshot, formats, settings));
  queue = next.catch(() => undefined);
  return next;
}

/** The map in one format. */
export async function renderMap(renderer: { baseUrl: string; chromiumPath: string }, snapshot: PressSnapshot, format: MapFormat, settings: PrintSettings = {}): Promise<Buffer> {
  return (await renderMaps(renderer, snapshot, [format], settings))[format];
}

async function renderNow<F extends MapFormat>(
  { baseUrl, chromiumPath }: { baseUrl: string; chromiumPath: string },
  snapshot: PressSnapshot,
  formats: readonly F[],
  settings: PrintSettings,
): Promise<Record<F, Buffer>> {
  assertChromium(chromiumPath);
  clearTimeout(idleTimer);
  const wants = (format: MapFormat) => (formats as readonly MapFormat[]).includes(format);
  let page: Page | undefined;
  try {
    const context = await contextAt(keptBrowser(chromiumPath), wants("png") ? 2 : 1);
    page = await context.newPage();
    await page.addInitScript((injected) => {
      (window as unknown as { groundswellSnapshot: unknown }).groundswellSnapshot = injected;
    }, snapshot);
    await page.goto(`${baseUrl}/print?${printQuery(snapshot, settings)}`);
    await page.waitForFunction(() => document.documentElement.dataset.printReady || document.documentElement.dataset.printError, null, { timeout: 120_000 });
    const failure = await page.evaluate(() => document.documentElement.dataset.printError);
    if (failure) throw new GroundswellError(`the map could not be drawn: ${failure}`);
    const sheet = page.locator(".print-page");
    const rendered: Partial<Record<MapFormat, Buffer>> = {};
    if (wants("png")) rendered.png = await sheet.screenshot({ type: "png", animations: "disabled" });
    if (wants("pdf")) {
      const height = await sheet.evaluate((element) => Math.ceil(element.getBoundingClientRect().height));
      await page.emulateMedia({ media: "screen" });
      rendered.pdf = await page.pdf({ width: `${PRINT_WIDTH}px`, height: `${height + 2}px`, printBackground: true, pageRanges: "1" });
    }
    return rendered as Record<F, Buffer>;
  } finally {
    await page?.close().catch(() => undefined);
    idleTimer = setTimeout(() => void closeRenderer(), IDLE_MS);
    idleTimer.unref();
  }
}
