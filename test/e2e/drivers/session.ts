import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Engine } from "../../helpers/test-db";
import { AppDriver } from "./app-driver";
import { launchBrowser, startApp, type DemoSize, type RunningApp } from "./helper";

export interface AppSession {
  app: RunningApp;
  browser: Browser;
  context: BrowserContext;
  driver: AppDriver;
  /** Content-Security-Policy violations the page reported (the session fails when any remain at the end). */
  cspViolations: string[];
  /** Console errors and uncaught exceptions of the page, in order. */
  consoleErrors: string[];
}

/**
 * For a describe block: start `groundswell serve` on a fresh database of `engine` and a browser
 * before its tests, stop both after. `prepare` runs against the started app (e.g. imports)
 * before the page opens. The app holds the small demo unless `demo` is "full" (helper.ts).
 * Returns a getter for the session.
 */
export function useAppSession(
  engine: Engine,
  label: string,
  prepare?: (app: RunningApp) => Promise<void> | void,
  env: () => Record<string, string> = () => ({}),
  { demo = "small" }: { demo?: DemoSize } = {},
): () => AppSession {
  let session: AppSession | undefined;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(engine, env(), { demo }), launchBrowser()]);
    await prepare?.(app);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const cspViolations: string[] = [];
    const consoleErrors: string[] = [];
    await watchForCspViolations(context, cspViolations);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      consoleErrors.push(message.text());
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
    session = { app, browser, context, driver: new AppDriver(page, app.url, label, app.database.db), cspViolations, consoleErrors };
  });
  afterAll(async () => {
    // Every browser test doubles as a CSP check: the app must run with no inline script or style.
    const violations = session?.cspViolations ?? [];
    await session?.context.close();
    await browser?.close();
    await app?.stop();
    if (violations.length > 0) throw new Error(`the page broke its Content-Security-Policy:\n${[...new Set(violations)].join("\n")}`);
  });
  return () => {
    if (!session) throw new Error("the app session did not start");
    return session;
  };
}

/** Record every `securitypolicyviolation` event of every page (documents of all navigations). */
async function watchForCspViolations(context: BrowserContext, into: string[]): Promise<void> {
  await context.exposeBinding("__groundswellCspViolation", (_source, line: string) => {
    into.push(line);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __groundswellCspViolation: (line: string) => void }).__groundswellCspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}
