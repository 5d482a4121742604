import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Engine } from "../../helpers/test-db";
import { AppDriver } from "./app-driver";
import { launchBrowser, startApp, type RunningApp } from "./helper";

export interface AppSession {
  app: RunningApp;
  browser: Browser;
  context: BrowserContext;
  driver: AppDriver;
}

/**
 * For a describe block: start `groundswell serve` on a fresh database of `engine` and a browser
 * before its tests, stop both after. `prepare` runs against the started app (e.g. imports)
 * before the page opens. Returns a getter for the session.
 */
export function useAppSession(engine: Engine, label: string, prepare?: (app: RunningApp) => Promise<void> | void): () => AppSession {
  let session: AppSession | undefined;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(engine), launchBrowser()]);
    await prepare?.(app);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    session = { app, browser, context, driver: new AppDriver(await context.newPage(), app.url, label) };
  });
  afterAll(async () => {
    await session?.context.close();
    await browser?.close();
    await app?.stop();
  });
  return () => {
    if (!session) throw new Error("the app session did not start");
    return session;
  };
}
