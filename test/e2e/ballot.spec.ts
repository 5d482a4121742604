import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BallotDriver } from "./drivers/ballot-driver";
import { groundswell, writeRiHouseDistricts } from "./drivers/cli-setup";
import { browserEngines, type RunningApp } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

/**
 * The "Ballot question" map mode, the district brief's line and the public page, on the demo's
 * Rhode Island counties: two made-up House districts split at 41.7°N and a 2018 question that ran
 * in district 2, its results by county (the command line's plain town,state,yes,no,blanks file).
 */
async function prepare(app: RunningApp) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-ballot-"));
  const districts = writeRiHouseDistricts(directory);
  const results = path.join(directory, "ri-2018-q5.csv");
  fs.writeFileSync(
    results,
    'town,state,yes,no,blanks\nKent County,RI,"9,870","3,993",300\nWashington County,RI,5000,5200,100\nNewport County,RI,4000,1000,50\nBristol County,RI,1500,1400,20\n',
  );
  const { db } = app.database;
  const campaign = await db.selectFrom("campaign").select("name").executeTakeFirstOrThrow();
  try {
    groundswell(app, "import", districts, "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022");
    groundswell(
      app,
      "import",
      results,
      "--as",
      "ballot-results",
      "--campaign",
      campaign.name,
      "--question",
      "2018 Q5",
      "--date",
      "2018-11-06",
      "--district",
      "2",
      "--chamber",
      "state_lower",
      "--state",
      "RI",
      "--text",
      "Shall the representative for this district be instructed to vote for a single-payer health care system?",
    );
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

for (const engine of browserEngines()) {
  describe(`ballot question map mode, brief and public page (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-ballot`, prepare);
    const facts = async () => {
      const { app } = session();
      const { db } = app.database;
      const campaign = await db.selectFrom("campaign").select(["id", "slug"]).executeTakeFirstOrThrow();
      const question = await db.selectFrom("ballotQuestion").select("id").executeTakeFirstOrThrow();
      const kent = await db.selectFrom("body").select("id").where("name", "=", "Kent County").where("state", "=", "RI").executeTakeFirstOrThrow();
      const district = await db.selectFrom("district").select("id").where("name", "=", "2").where("state", "=", "RI").executeTakeFirstOrThrow();
      const map = await fetch(`${app.url}/trpc/public.ballotMap?input=${encodeURIComponent(JSON.stringify({ campaign: campaign.slug, questionId: question.id }))}`);
      const towns = ((await map.json()) as { result: { data: { towns: Array<{ partial: boolean }> } } }).result.data.towns;
      const bodies = Number(
        (
          await db
            .selectFrom("body")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      return { campaign, questionId: question.id, kentId: kent.id, districtId: district.id, partial: towns.filter((town) => town.partial).length, bodies };
    };

    it("colours the towns by % yes when the question is picked, with classes, partial and neutral towns counted, and keeps it in the link", async () => {
      const { app, driver } = session();
      const ballot = new BallotDriver(driver.page, app.url, `${engine}-ballot`);
      const f = await facts();
      await ballot.openMap(`/?campaign=${f.campaign.id}`);
      await ballot.colourBy("2018 Q5");
      await ballot.waitForBallotLegend();
      expect(await ballot.legendTitle()).toBe("Ballot question 2018 Q5");
      // Kent 71.2 % and Newport 80.0 % are 70 % and over; Bristol 51.7 %; Washington 49.0 %.
      expect([await ballot.legendCount(5), await ballot.legendCount(4), await ballot.legendCount(3), await ballot.legendCount(2), await ballot.legendCount(0)]).toEqual([
        2, 0, 1, 1, 0,
      ]);
      expect(await ballot.legendCount("partial")).toBe(f.partial);
      expect(f.partial).toBeGreaterThan(0);
      expect(await ballot.legendCount("none")).toBe(f.bodies - 4);
      expect(await ballot.featureBallot(f.kentId)).toMatchObject({ ballot: 5 });
      expect(await ballot.outlinedDistricts()).toBeGreaterThan(0);
      expect(await ballot.fillColorMode()).toContain('"ballot"');
      expect(await ballot.sentences()).toEqual(["State House 2: In 2018, 63.7 % of voters in this district said yes (20,370 to 11,593)."]);
      await driver.page.waitForFunction(() => window.location.search.includes("ballot="));
      expect(ballot.address()).toContain(`ballot=${f.questionId}`);
      await ballot.screenshot("01-map-mode");

      // The link reopens the mode; "Stage of the resolution" goes back to the stages.
      await ballot.openMap(`/?campaign=${f.campaign.id}&ballot=${f.questionId}`);
      await ballot.waitForBallotLegend();
      expect(await ballot.featureBallot(f.kentId)).toMatchObject({ ballot: 5 });
      await ballot.colourBy("");
      await driver.page.locator("#legend-title").waitFor();
      expect(await ballot.fillColorMode()).not.toContain('"ballot"');
    });

    it("puts the district's result on the brief in the organisers' words", async () => {
      const { app, driver } = session();
      const ballot = new BallotDriver(driver.page, app.url, `${engine}-ballot`);
      const f = await facts();
      await ballot.openDistrict(f.districtId, f.campaign.id);
      expect(await ballot.briefLine()).toBe("In 2018, 63.7 % of voters in this district said yes (20,370 to 11,593).");
      await ballot.screenshot("02-district-brief");
    });

    it("prints the question's press map with its text, date, legend and source, and exports it as a PNG", async () => {
      const { app, driver } = session();
      const ballot = new BallotDriver(driver.page, app.url, `${engine}-ballot`);
      const f = await facts();
      await ballot.openPrint(`campaign=${f.campaign.slug}&ballot=${f.questionId}`);
      expect(await ballot.printText("title")).toBe("Ballot question 2018 Q5");
      const legend = await ballot.printText("legend");
      expect(legend).toMatch(/70 % and over yes\s+2/);
      expect(legend).toContain("2: 63.7 % yes (20,370 to 11,593)");
      expect(await ballot.printText("footer")).toContain("results: ri-2018-q5.csv");
      expect(await ballot.featureBallot(f.kentId)).toMatchObject({ ballot: 5 });
      await ballot.screenshot("05-print");
      expect(await ballot.downloadPng(`campaign=${f.campaign.slug}&ballot=${f.questionId}`)).toEqual({ status: 200, type: "image/png", signature: "PNG" });
    });

    it("shows the question on the public page, on a phone too", async () => {
      const { app, driver } = session();
      const ballot = new BallotDriver(driver.page, app.url, `${engine}-ballot`);
      const f = await facts();
      await ballot.openMap(`/public/${f.campaign.slug}?ballot=${f.questionId}`);
      await ballot.waitForBallotLegend();
      expect(await ballot.legendCount(5)).toBe(2);
      expect(await ballot.featureBallot(f.kentId)).toMatchObject({ ballot: 5 });
      await ballot.screenshot("03-public");
      await ballot.resize(390, 844);
      await ballot.screenshot("04-public-phone");
      await ballot.resize(1280, 800);
    });
  });
}
