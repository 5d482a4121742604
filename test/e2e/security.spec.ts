import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { useAppSession } from "./drivers/session";

const builtIndex = path.resolve(import.meta.dirname, "../../dist/client/index.html");

// The headers do not depend on the database engine: one SQLite server is enough.
describe("security headers in a real browser", () => {
  const session = useAppSession("sqlite", "security");

  it("serves the built page with no inline script, under a CSP that allows none", async () => {
    const { driver, app } = session();
    const response = await driver.page.goto(`${app.url}/`);
    const csp = await response!.headerValue("content-security-policy");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe-inline");
    expect(await response!.headerValue("x-frame-options")).toBe("DENY");
    const html = fs.readFileSync(builtIndex, "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(content!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("runs the map, a stage change and the import dialog with no CSP violation or console error", async () => {
    const { driver, cspViolations, consoleErrors } = session();
    // The Import button is for admins; signing in goes through the sign-in page, under the same CSP.
    await driver.signInAs("admin");
    await driver.waitForMap();
    const bodies: BodySummary[] = await driver.page.evaluate(async () => {
      const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`);
      return (await response.json()).result.data;
    });
    const target = bodies.find((body) => body.stage === "not_started" && body.bbox[0] > -125 && body.bbox[2] < -67 && body.bbox[1] > 25)!;
    await driver.search(`${target.name} ${target.state}`);
    await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
    // The mutation goes through the real tRPC client, so it proves the client sends the CSRF header.
    await driver.changeStage("organizing", "CSP check (e2e)");
    await expect.poll(() => driver.currentStageInPanel()).toBe("organizing");
    await driver.openImport();
    await driver.screenshot("01-import-dialog-under-csp");
    await driver.page.keyboard.press("Escape");
    expect(cspViolations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("refuses a mutation sent without the CSRF header, from inside the page", async () => {
    const { driver } = session();
    const status = await driver.page.evaluate(async () => {
      const response = await fetch("/trpc/resolution.changeStage", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ campaignId: 1, bodyId: 1, toStage: "organizing", expectedVersion: 0 }),
      });
      return response.status;
    });
    expect(status).toBe(403);
  });
});

/** A MapLibre style on another origin (with CORS), as GROUNDSWELL_BASEMAP_STYLE would name. */
function startBasemapServer(): Promise<http.Server> {
  const style = {
    version: 8,
    sources: {
      land: {
        type: "geojson",
        data: {
          type: "Feature",
          properties: {},
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [-130, 20],
                [-60, 20],
                [-60, 55],
                [-130, 55],
                [-130, 20],
              ],
            ],
          },
        },
      },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#dfe9f2" } },
      { id: "land", type: "fill", source: "land", paint: { "fill-color": "#f4f1ea" } },
    ],
  };
  const server = http.createServer((request, response) => {
    response.setHeader("Access-Control-Allow-Origin", "*");
    if (request.url !== "/style.json") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(style));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("security headers with a basemap on another origin", () => {
  let basemap: http.Server | undefined;
  let styleUrl = "";
  beforeAll(async () => {
    basemap = await startBasemapServer();
    // "localhost" rather than 127.0.0.1, so the style's origin differs from the app's by host, not only port.
    styleUrl = `http://localhost:${(basemap.address() as AddressInfo).port}/style.json`;
  });
  const session = useAppSession("sqlite", "security-basemap", undefined, () => ({ GROUNDSWELL_BASEMAP_STYLE: styleUrl }));
  afterAll(async () => {
    await new Promise((resolve) => basemap?.close(resolve));
  });

  it("lets MapLibre fetch the configured style, and nothing else from that origin is blocked", async () => {
    const { driver, app, cspViolations, consoleErrors } = session();
    const response = await driver.page.goto(`${app.url}/`);
    expect(await response!.headerValue("content-security-policy")).toContain(`connect-src 'self' ${new URL(styleUrl).origin};`);
    await driver.waitForMap();
    const layers = await driver.page.evaluate(() => window.groundswellMap!.map.getStyle().layers.map((layer) => layer.id));
    expect(layers).toContain("land");
    await driver.screenshot("02-basemap-under-csp");
    expect(cspViolations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
