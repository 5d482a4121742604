import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PressSnapshot } from "../../shared/model/public-view";
import { closeRenderer, rendererState, renderMaps } from "../../server/http/map-render";
import { chromiumPath, startApp, type RunningApp } from "./drivers/helper";

/**
 * The press renderer keeps one browser for the process (server/http/map-render.ts): renders in
 * a row share it, and a browser that crashed is replaced by the next render.
 */
describe("the press renderer's kept browser", () => {
  let app: RunningApp;
  let snapshot: PressSnapshot;
  beforeAll(async () => {
    app = await startApp("sqlite");
    // A busy machine can make the fresh server shed a request (503, "try again in a moment"): try again.
    let response = await fetch(`${app.url}/export/view.json?campaign=1`);
    for (let attempt = 0; response.status === 503 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      response = await fetch(`${app.url}/export/view.json?campaign=1`);
    }
    expect(response.status).toBe(200);
    snapshot = (await response.json()) as PressSnapshot;
  });
  afterAll(async () => {
    await closeRenderer();
    await app?.stop();
  });
  const render = () => renderMaps({ baseUrl: app.url, chromiumPath: chromiumPath() }, snapshot, ["pdf"]);
  const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString() === "%PDF-";

  it("draws two maps in a row with one browser, and starts a new one after a crash", async () => {
    const before = rendererState().launches;
    expect(isPdf((await render()).pdf)).toBe(true);
    expect(isPdf((await render()).pdf)).toBe(true);
    expect(rendererState().launches - before).toBe(1);

    // Kill the browser's process, as a crash would: the renderer forgets it once it disconnects.
    const browser = await rendererState().browser!;
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = (await session.send("SystemInfo.getProcessInfo")) as { processInfo: Array<{ type: string; id: number }> };
    const pid = processInfo.find((entry) => entry.type === "browser")!.id;
    const disconnected = new Promise((resolve) => browser.once("disconnected", resolve));
    process.kill(pid, "SIGKILL");
    await disconnected;
    expect(rendererState().browser).toBeNull();

    expect(isPdf((await render()).pdf)).toBe(true);
    expect(rendererState().launches - before).toBe(2);
  });
});
