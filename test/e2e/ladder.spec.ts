import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LadderDriver } from "./drivers/ladder-driver";
import { useAppSession } from "./drivers/session";
import { browserEngines, type RunningApp } from "./drivers/helper";
import { commandLineActor } from "../../server/domain/actor";
import { saveLobbyDay } from "../../server/domain/lobby-days";

const repositoryRoot = path.resolve(import.meta.dirname, "../..");

/**
 * A hub member moves their own state rep up the ladder and logs a meeting, on the district page,
 * at desktop and at phone size: two made-up RI House districts, a legislator each, and North RI
 * Hub covering district 1 (Marcus Oyelaran's); district 2's legislator is not theirs to edit.
 */
function cli(app: RunningApp, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repositoryRoot, "server/groundswell.mjs"), ...args], { env: { ...process.env, ...app.database.env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`groundswell ${args.join(" ")} failed: ${result.stderr}`);
}

async function prepare(app: RunningApp) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-ladder-"));
  const box = (south: number, north: number) => [
    [
      [-72, south],
      [-71, south],
      [-71, north],
      [-72, north],
      [-72, south],
    ],
  ];
  const files = {
    districts: JSON.stringify({
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { DISTRICT: "1" }, geometry: { type: "Polygon", coordinates: box(41.7, 42.1) } },
        { type: "Feature", properties: { DISTRICT: "2" }, geometry: { type: "Polygon", coordinates: box(41.0, 41.7) } },
      ],
    }),
    people:
      "id,name,current_party,current_district,current_chamber\n" +
      "ocd-person/11111111-2222-4333-8444-555555555555,Teresa Kowalczyk,Democratic,2,lower\n" +
      "ocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,1,lower\n",
    hubs: "name,public_contact,onboarding,private_contacts,districts\nNorth RI Hub,north@hub.example,Meet Mondays,Private 401-555-0111,state_lower:1\n",
  };
  const write = (name: string, text: string) => {
    const file = path.join(directory, name);
    fs.writeFileSync(file, text);
    return file;
  };
  try {
    cli(app, "import", write("ri-house.geojson", files.districts), "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022");
    cli(app, "import", write("ri.csv", files.people), "--as", "legislators", "--state", "RI");
    cli(app, "import", write("hubs.csv", files.hubs), "--as", "hubs", "--state", "RI");
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

for (const engine of browserEngines()) {
  describe(`a hub member works their legislator (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-ladder`, prepare);

    const districtId = async (name: string) => {
      const { db } = session().app.database;
      return (await db.selectFrom("district").select("id").where("chamber", "=", "state_lower").where("name", "=", name).executeTakeFirstOrThrow()).id;
    };

    it("moves their rep to cosponsor and logs a meeting, at desktop and phone size; the other district's rep is not theirs", async () => {
      const { app, driver } = session();
      const { db } = app.database;
      const hub = await db.selectFrom("hub").select("id").where("name", "=", "North RI Hub").executeTakeFirstOrThrow();
      await driver.signInAs("hub", { hubId: hub.id, next: "/hubs" });
      const ladder = new LadderDriver(driver.page, app.url, `${engine}-ladder`);

      await ladder.openDistrict(await districtId("1"));
      await expect.poll(() => ladder.stepBadge("Marcus Oyelaran").innerText()).toBe("Unknown");
      await ladder.moveTo("Marcus Oyelaran", "Cosponsor", "Public statement", "Signed on at the forum");
      await expect.poll(() => ladder.stepBadge("Marcus Oyelaran").innerText()).toBe("Cosponsor");
      await ladder.logMeeting("Marcus Oyelaran", {
        place: "District office",
        hub: "North RI Hub",
        constituents: 7,
        ask: "Join the bill's caucus",
        answer: "He will think about it",
        outcome: "Caucus member",
        followUp: "Send him the caucus letter",
        notes: "Chief of staff is on board",
      });
      await expect.poll(() => ladder.stepBadge("Marcus Oyelaran").innerText()).toBe("Caucus member");
      const meetings = ladder.meetings("Marcus Oyelaran");
      await expect.poll(() => meetings.innerText()).toContain("District office · North RI Hub, 7 constituents → Caucus member");
      expect(await meetings.innerText()).toContain("Send him the caucus letter");
      // The brief's line for members: the last meeting, where, who, and where it left him.
      await expect
        .poll(() => ladder.card("Marcus Oyelaran").getByTestId("last-meeting").innerText())
        .toMatch(/^Last meeting: \d{4}-\d{2}-\d{2}, District office \(North RI Hub\).*left at Caucus member$/);
      await ladder.screenshot("01-desktop");

      const events = await db.selectFrom("legislatorStepEvent").select(["toStep", "source", "actor"]).orderBy("id").execute();
      expect(events.map((event) => [event.toStep, event.source])).toEqual([
        ["cosponsor", "public_statement"],
        ["caucus_member", "meeting"],
      ]);

      await driver.page.setViewportSize({ width: 390, height: 844 });
      await ladder.openDistrict(await districtId("1"));
      await expect.poll(() => ladder.stepBadge("Marcus Oyelaran").innerText()).toBe("Caucus member");
      await ladder.card("Marcus Oyelaran").getByText("Log a meeting with Marcus Oyelaran").click();
      const width = await driver.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await ladder.screenshot("02-phone");

      await ladder.openDistrict(await districtId("2"));
      await ladder.card("Teresa Kowalczyk").waitFor();
      expect(await ladder.card("Teresa Kowalczyk").getByRole("form").count()).toBe(0);
      await driver.page.setViewportSize({ width: 1280, height: 800 });
    });

    it("signs up for their rep's visit on the lobby day, at desktop and phone size, then reports back after the day", async () => {
      const { app, driver } = session();
      const { db } = app.database;
      const campaign = await db.selectFrom("campaign").select("id").orderBy("id").executeTakeFirstOrThrow();
      const lobbyDay = await saveLobbyDay(
        db,
        { campaignId: campaign.id, name: "Spring lobby day", heldOn: "2099-04-14", startsAt: "09:30", place: "State House" },
        commandLineActor,
      );
      const ladder = new LadderDriver(driver.page, app.url, `${engine}-ladder`);

      await ladder.openLobbyDay(lobbyDay.id);
      expect(await driver.page.locator(".lobby-figure").innerText()).toBe("0 of 2 offices have a constituent signed up.");
      await ladder.signUpFor("Marcus Oyelaran", "Dana Whitfield");
      await expect.poll(() => driver.page.locator(".lobby-figure").innerText()).toBe("1 of 2 offices have a constituent signed up.");
      expect(await ladder.visit("Marcus Oyelaran").innerText()).toContain("Dana Whitfield · North RI Hub · constituent");
      // Teresa Kowalczyk's district is not the hub's: no sign-up form, and her office still needs someone.
      expect(await ladder.visit("Teresa Kowalczyk").getByRole("form").count()).toBe(0);
      expect(await ladder.visit("Teresa Kowalczyk").innerText()).toContain("No constituent signed up.");
      await ladder.screenshot("03-lobby-day-desktop");
      await driver.page.setViewportSize({ width: 390, height: 844 });
      await ladder.openLobbyDay(lobbyDay.id);
      expect(await driver.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ladder.screenshot("04-lobby-day-phone");
      await driver.page.setViewportSize({ width: 1280, height: 800 });

      // The day went by: the hub reports back, and the visit becomes a meeting in his log.
      await saveLobbyDay(db, { campaignId: campaign.id, lobbyDayId: lobbyDay.id, name: "Spring lobby day", heldOn: "2026-11-30", place: "State House" }, commandLineActor);
      await ladder.openLobbyDay(lobbyDay.id);
      await ladder.visit("Marcus Oyelaran").getByText("Report back on the visit to Marcus Oyelaran").click();
      const form = ladder.visit("Marcus Oyelaran").getByRole("form", { name: "Report back on the visit to Marcus Oyelaran" });
      await form.getByLabel("Their answer").fill("He will co-host a forum in June");
      await form.getByLabel("Outcome step").selectOption({ label: "Co-host" });
      await form.getByRole("button", { name: "Report back" }).click();
      await expect.poll(() => ladder.visit("Marcus Oyelaran").innerText()).toContain("Reported back");
      const meeting = await db.selectFrom("meeting").select(["metOn", "constituents", "outcomeStep", "answer"]).orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(meeting).toEqual({ metOn: "2026-11-30", constituents: 1, outcomeStep: "co_host", answer: "He will co-host a forum in June" });
    });
  });
}
