import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultStageScheme } from "../../shared/model/stage";
import { allowedMoves } from "../../shared/rules/stage-transitions";
import { useAppSession } from "./drivers/session";
import { browserEngines, smallDemoBodies } from "./drivers/helper";

/**
 * The campaign's spreadsheet and pipeline jobs in the browser, on the small demo's counties:
 * import a CSV with a bad row and see the row number (nothing saved), fix it and import it, then
 * see the pipeline's counts equal the database, filter it, and find the new vote among upcoming votes.
 */

const inDays = (days: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

for (const engine of browserEngines()) {
  describe(`spreadsheet import and pipeline (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-pipeline`);
    let directory: string;
    const voteDate = inDays(5);

    beforeAll(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-pipeline-e2e-"));
    });
    afterAll(() => {
      if (directory) fs.rmSync(directory, { recursive: true, force: true });
    });

    const writeSheet = (name: string, lines: string[]) => {
      const file = path.join(directory, name);
      fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
      return file;
    };
    /** Stage counts of the demo campaign straight from the database (bodies without a row are not_started). */
    const databaseCounts = async () => {
      const { db } = session().app.database;
      const bodies = Number((await sql<{ n: number }>`select count(*) as n from body`.execute(db)).rows[0]!.n);
      const rows = (await sql<{ stage: string; n: number }>`select stage, count(*) as n from resolution group by stage`.execute(db)).rows;
      const counts = new Map(rows.map((row) => [row.stage, Number(row.n)]));
      counts.set("not_started", (counts.get("not_started") ?? 0) + bodies - rows.reduce((sum, row) => sum + Number(row.n), 0));
      return { bodies, counts };
    };

    it("imports a CSV with a bad row in the app: the row number is shown and nothing is saved", async () => {
      const { driver, app } = session();
      await driver.signInAs("admin");
      await driver.open();
      await driver.openImport();
      const before = (await sql<{ n: number }>`select count(*) as n from stage_event`.execute(app.database.db)).rows[0]!.n;
      await driver.chooseSpreadsheet(
        writeSheet("with-bad-rows.csv", [
          "body_name,state,vote_date,vote_time,vote_location,tally_yes",
          `Kent County,RI,${voteDate},19:00,"Council Chambers, Warwick",`,
          `Washington County,,${voteDate},,,`,
          "Providence County,RI,2026-02-30,,,-2",
        ]),
      );
      const errors = await driver.planErrors();
      expect(errors[0]).toMatch(/^Row 3: "Washington County" is ambiguous: \d+ bodies have that name/);
      expect(errors.slice(1)).toEqual(['Row 4: vote_date "2026-02-30" is not a real date', "Row 4: tally_yes -2 is negative"]);
      expect(await driver.spreadsheetImportButton().isDisabled()).toBe(true);
      await driver.screenshot("01-bad-row-numbers");
      const after = (await sql<{ n: number }>`select count(*) as n from stage_event`.execute(app.database.db)).rows[0]!.n;
      expect(after).toBe(before);
    });

    it("imports the corrected file and shows what it did", async () => {
      const { driver, app } = session();
      await driver.importDialog().getByRole("button", { name: "Choose another file" }).click();
      await driver.chooseSpreadsheet(
        writeSheet("fixed.csv", ["body_name,state,vote_date,vote_time,vote_location", `Kent County,RI,${voteDate},19:00,"Council Chambers, Warwick"`]),
      );
      expect(await driver.planErrors()).toEqual([]);
      expect(await driver.planSummary().innerText()).toMatch(/^1 row into “Demo/);
      await driver.screenshot("02-plan");
      await driver.confirmSpreadsheetImport();
      expect(await driver.importDialog().locator(".result-step").innerText()).toContain("Imported.");
      await driver.screenshot("03-imported");
      const stored = await sql<{
        voteDate: string;
        voteTime: string;
      }>`select r.vote_date, r.vote_time from resolution r join body b on b.id = r.body_id where b.geoid = '44003'`.execute(app.database.db);
      expect(stored.rows).toEqual([{ voteDate, voteTime: "19:00" }]);
      await driver.backToMap();
    });

    it("the pipeline's counts equal the database; filters narrow it and stay in the URL; the new vote is upcoming", async () => {
      const { driver } = session();
      await driver.openPipelineFromMap();
      const { bodies, counts } = await databaseCounts();
      expect(await driver.pipelineTotal()).toBe(bodies);
      expect(bodies).toBe(smallDemoBodies().length);
      expect((await driver.upcomingVotes()).some((line) => line.includes("Kent County, RI") && line.includes(`${voteDate} 19:00`))).toBe(true);
      await driver.screenshot("04-pipeline-table");

      await driver.showPipelineAs("Board");
      for (const [stage, count] of counts) expect(await driver.boardCount(stage), stage).toBe(count);
      await driver.screenshot("05-pipeline-board");

      await driver.showPipelineAs("Table");
      await driver.togglePipelineStage("passed");
      await expect.poll(() => driver.pipelineTotal()).toBe(counts.get("passed"));
      await driver.filterPipeline("County", "Kent County, RI");
      await expect.poll(() => driver.page.url()).toContain("county=44003");
      expect(driver.page.url()).toContain("stages=passed");
      await driver.togglePipelineStage("passed");
      await expect.poll(() => driver.pipelineTotal()).toBe(1);
      expect(await driver.pipelineTableBodies()).toEqual(["Kent County"]);
      await driver.screenshot("06-pipeline-filtered");

      // A copied link reopens the same view.
      await driver.page.reload();
      await driver.waitForPipeline();
      expect(await driver.pipelineTotal()).toBe(1);
      expect(await driver.page.getByLabel("County", { exact: true }).inputValue()).toBe("44003");
    });

    it("on the board, a card moves by its Move menu and by dragging it to a column that may take it", async () => {
      const { driver, app } = session();
      const stageOfKent = async () =>
        (await sql<{ stage: string }>`select r.stage from resolution r join body b on b.id = r.body_id where b.geoid = '44003'`.execute(app.database.db)).rows[0]?.stage ??
        "not_started";
      await driver.showPipelineAs("Board");
      // Forward moves: the first allowed stage after the card's own, in the scheme's order.
      const order = defaultStageScheme.stages.map((stage) => stage.id);
      const forward = (from: string) => allowedMoves(defaultStageScheme, from).filter((stage) => order.indexOf(stage.id) > order.indexOf(from));
      const [byMenu] = forward(await stageOfKent());
      await driver.page.getByLabel("Move Kent County to").selectOption(byMenu!.id);
      await expect.poll(stageOfKent).toBe(byMenu!.id);
      await expect.poll(() => driver.page.locator(".board-done").innerText()).toBe(`Moved Kent County to ${byMenu!.label}.`);

      const [byDrag] = forward(byMenu!.id);
      const card = driver.page.locator(`.board-column[data-stage="${byMenu!.id}"] li`, { hasText: "Kent County" });
      await card.dragTo(driver.page.locator(`.board-column[data-stage="${byDrag!.id}"]`));
      await expect.poll(stageOfKent).toBe(byDrag!.id);
      await expect.poll(() => driver.page.locator(`.board-column[data-stage="${byDrag!.id}"] li`, { hasText: "Kent County" }).count()).toBe(1);
      await driver.screenshot("07-board-moved");
    });
  });
}
