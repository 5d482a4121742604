import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultStageScheme } from "../../shared/model/stage";
import { readZipMembers } from "../../server/io/zip-archive";
import { parseCsv, runCliInProcess } from "../helpers/cli";
import { extractPdfText } from "../helpers/pdf-text";
import { leakedFields, seedPrivateMarkers } from "../helpers/private-markers";
import { browserEngines, screenshotDir } from "./drivers/helper";
import { databaseCounts } from "./drivers/database-counts";
import { useAppSession } from "./drivers/session";

const AS_OF = "2025-11-01";
const TITLE = "Statewide status for reporters";
const compact = (text: string) => text.replace(/\s+/g, "");
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const label = (stageId: string) => defaultStageScheme.stages.find((stage) => stage.id === stageId)!.label;
const withCommas = (value: number) => value.toLocaleString("en-US");

for (const engine of browserEngines({ postgres: true })) {
  describe(`press exports (${engine})`, () => {
    let markers = new Map<string, string>();
    const session = useAppSession(engine, `press-${engine}`, async (app) => {
      const { db } = app.database;
      const body = await db.selectFrom("resolution").select("bodyId").where("campaignId", "=", 1).where("stage", "=", "organizing").executeTakeFirstOrThrow();
      markers = await seedPrivateMarkers(db, { campaignId: 1, bodyId: body.bodyId });
    });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `groundswell-press-${engine}-`));
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
    const cli = (args: string[]) => runCliInProcess(args, session().app.database.env);
    // Drawing is the same on both engines: PostgreSQL runs the press kit (one snapshot read from
    // it, every file agreeing), SQLite also the single exports and the button. Saves ~35 s of CI.
    const drawingTest = engine === "sqlite" ? it : () => undefined;

    drawingTest("export map --format png draws title, date, legend and counts at 3200 px wide", async () => {
      const out = path.join(folder, "map.png");
      const result = await cli(["export", "map", "--format", "png", "--out", out, "--as-of", AS_OF, "--title", TITLE, "--subtitle", "County boards"]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const png = fs.readFileSync(out);
      expect(pngSize(png).width).toBe(3200);
      // Kept for a person to look at: title, subtitle, "As of November 1, 2025", legend with counts, source line.
      fs.mkdirSync(screenshotDir, { recursive: true });
      fs.copyFileSync(out, path.join(screenshotDir, `press-${engine}-map.png`));
      const expected = await databaseCounts(session().app, AS_OF);
      expect(result.stdout).toContain(`${Object.values(expected).reduce((a, b) => a + b, 0)} bodies`);
    });

    drawingTest("export map --format pdf keeps its text: title, date and every count equal the database", async () => {
      const out = path.join(folder, "map.pdf");
      const result = await cli(["export", "map", "--format", "pdf", "--out", out, "--as-of", AS_OF, "--title", TITLE]);
      expect(result.status).toBe(0);
      const text = compact(extractPdfText(fs.readFileSync(out)));
      expect(text).toContain(compact(TITLE));
      expect(text).toContain(compact("As of November 1, 2025"));
      const expected = await databaseCounts(session().app, AS_OF);
      for (const [stage, count] of Object.entries(expected)) expect(text, stage).toContain(compact(`${label(stage)}${withCommas(count)}`));
      expect(text).toContain(compact(`Total${withCommas(Object.values(expected).reduce((a, b) => a + b, 0))}`));
      expect(leakedFields(markers, text)).toEqual([]);
    });

    it("export press-kit writes PNG, PDF, CSV, GeoJSON and methodology from one snapshot, all agreeing with the database", async () => {
      const out = path.join(folder, "kit.zip");
      const result = await cli(["export", "press-kit", "--out", out, "--as-of", AS_OF]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const members = await readZipMembers(fs.readFileSync(out), (names) => names, { maxZipEntries: 20, maxUncompressedBytes: 500e6 });
      const file = (name: string) => {
        const entry = [...members.keys()].find((key) => key.endsWith(`/${name}`));
        if (!entry) throw new Error(`${name} is missing from the kit: ${[...members.keys()].join(", ")}`);
        return Buffer.from(members.get(entry)!);
      };
      const expected = await databaseCounts(session().app, AS_OF);
      const total = Object.values(expected).reduce((a, b) => a + b, 0);

      const csv = parseCsv(file("bodies.csv").toString());
      const stageColumn = csv[0]!.indexOf("stage");
      const snapshotColumn = csv[0]!.indexOf("snapshot_at");
      const csvCounts: Record<string, number> = {};
      for (const row of csv.slice(1)) csvCounts[row[stageColumn]!] = (csvCounts[row[stageColumn]!] ?? 0) + 1;
      const takenAt = csv[1]![snapshotColumn]!;
      expect(new Set(csv.slice(1).map((row) => row[snapshotColumn]))).toEqual(new Set([takenAt]));
      for (const [stage, count] of Object.entries(expected)) expect(csvCounts[stage] ?? 0, `csv ${stage}`).toBe(count);

      const geojson = JSON.parse(file("bodies.geojson").toString()) as { features: unknown[]; groundswell: { counts: Record<string, number>; snapshot_at: string } };
      expect(geojson.features).toHaveLength(total);
      expect(geojson.groundswell.counts).toEqual(expected);
      expect(geojson.groundswell.snapshot_at).toBe(takenAt);

      const counts = parseCsv(file("counts.csv").toString());
      const all = counts.find((row) => row[0] === "All bodies")!;
      for (const [stage, count] of Object.entries(expected)) expect(Number(all[counts[0]!.indexOf(stage)]), `counts.csv ${stage}`).toBe(count);
      expect(all[counts[0]!.indexOf("snapshot_at")]).toBe(takenAt);

      const methodology = file("methodology.md").toString();
      expect(methodology).toContain(`Snapshot taken ${takenAt}`);
      for (const [stage, count] of Object.entries(expected)) expect(methodology, `methodology ${stage}`).toContain(`| ${label(stage)} | ${count} |`);

      const pdfText = compact(extractPdfText(file("map.pdf")));
      for (const [stage, count] of Object.entries(expected)) expect(pdfText, `pdf ${stage}`).toContain(compact(`${label(stage)}${withCommas(count)}`));
      expect(pdfText).toContain(compact(`Snapshot ${takenAt.replace("T", " ").slice(0, 19)} UTC`));
      expect(pngSize(file("map.png")).width).toBe(3200);

      for (const name of ["bodies.csv", "bodies.geojson", "counts.csv", "methodology.md"]) expect(leakedFields(markers, file(name).toString()), name).toEqual([]);
    });

    drawingTest("the Export button on the public page downloads the map of the current view", async () => {
      const { driver } = session();
      await driver.page.goto(`${session().app.url}/public?asof=${AS_OF}`);
      await driver.page.locator(".legend").waitFor({ timeout: 60_000 });
      await driver.page.getByRole("button", { name: "Export" }).click();
      const [download] = await Promise.all([driver.page.waitForEvent("download", { timeout: 120_000 }), driver.page.getByRole("button", { name: "Map (PNG)" }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`-${AS_OF}-map\\.png$`));
      const saved = path.join(folder, "button.png");
      await download.saveAs(saved);
      expect(pngSize(fs.readFileSync(saved)).width).toBe(3200);
      await driver.screenshot("export-menu");
    });
  });
}
