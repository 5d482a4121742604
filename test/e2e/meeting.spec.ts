import { describe, expect, it } from "vitest";
import { addMember, setPosition, updateVotingSetup } from "../../server/domain/members";
import { browserEngines } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

const MEMBERS = ["Ada Alvarez", "Ben Brown", "Cy Chen", "Dee Diaz", "Eli Evans"];

/**
 * Meeting mode (issue 15): the person in the chamber marks each member's vote on a phone, loses
 * the connection, records the result anyway, and the tally reaches the campaign once the phone is
 * back online, through the same version check as the body panel.
 */
for (const engine of browserEngines()) {
  describe(`meeting mode (${engine} server)`, () => {
    let bodyId = 0;
    const session = useAppSession(engine, `${engine}-meeting`, async (app) => {
      const db = app.database.db;
      const body = await db.selectFrom("body").select("id").where("name", "=", "Providence County").executeTakeFirstOrThrow();
      bodyId = body.id;
      await updateVotingSetup(db, { bodyId, seats: 5, vacancies: null, quorum: null, voteRule: "majority_present", hasVeto: false, overrideRule: null });
      const added = [];
      for (const name of MEMBERS) added.push(await addMember(db, { bodyId, name }));
      // The whip count's word on two of them, to compare with their votes (issue 17).
      const campaign = await db.selectFrom("campaign").select("id").executeTakeFirstOrThrow();
      const organizer = { name: "Organizer", role: "organizer" } as const;
      await setPosition(db, { campaignId: campaign.id, memberId: added[0]!.id, position: "yes" }, organizer);
      await setPosition(db, { campaignId: campaign.id, memberId: added[3]!.id, position: "lean_yes" }, organizer);
    });

    it("records a tally through a dropped connection and sends it when the phone is back online", async () => {
      const { driver, app, context } = session();
      const page = driver.page;
      await page.setViewportSize({ width: 390, height: 844 });
      await driver.signInAs("organizer", { next: `/meeting/${bodyId}` });
      await page.getByRole("heading", { name: "Providence County" }).waitFor();
      expect(await page.getByTestId("meeting-tally").innerText()).toContain("0 of 3 yes votes needed with every member present");
      const campaign = await app.database.db.selectFrom("campaign").select("id").executeTakeFirstOrThrow();

      await context.setOffline(true);
      const vote = (member: string, choice: string) =>
        page
          .getByRole("group", { name: `Vote of ${member}` })
          .getByRole("button", { name: choice })
          .click();
      await vote("Ada Alvarez", "Yes");
      await vote("Ben Brown", "Yes");
      await vote("Cy Chen", "Yes");
      await vote("Dee Diaz", "No");
      await vote("Eli Evans", "Absent");
      expect(await page.getByTestId("meeting-tally").innerText()).toContain("3 of 3 yes votes needed with every member present");
      await page.getByRole("button", { name: /Record result: 3–1–0, 1 absent/ }).click();
      await page.getByText(/kept on this phone: waiting for a connection/).waitFor();
      await driver.screenshot("offline-queued");
      const whileOffline = await app.database.db
        .selectFrom("resolution")
        .select(["tallyYes"])
        .where("bodyId", "=", bodyId)
        .where("campaignId", "=", campaign.id)
        .executeTakeFirst();
      expect(whileOffline?.tallyYes ?? null).toBeNull();

      await context.setOffline(false);
      await page.getByText(/Saved to the campaign at \d\d:\d\d: 3–1/).waitFor({ timeout: 30_000 });
      await driver.screenshot("sent");
      const saved = await app.database.db
        .selectFrom("resolution")
        .select(["tallyYes", "tallyNo", "tallyAbstain", "tallyAbsent", "voteTime", "stage"])
        .where("bodyId", "=", bodyId)
        .where("campaignId", "=", campaign.id)
        .executeTakeFirstOrThrow();
      expect(saved).toMatchObject({ tallyYes: 3, tallyNo: 1, tallyAbstain: 0, tallyAbsent: 1 });
      expect(saved.voteTime).toMatch(/^\d\d:\d\d$/);
      expect(await page.evaluate(() => window.localStorage.getItem("groundswell.meeting-outbox.v1"))).toBe("[]");

      // The roll call went with the tally: the dashboard sets each position beside the vote.
      const rollCall = await app.database.db
        .selectFrom("rollCallVote")
        .innerJoin("member", "member.id", "rollCallVote.memberId")
        .select(["member.name", "rollCallVote.vote"])
        .orderBy("member.name")
        .execute();
      expect(rollCall.map((row) => `${row.name}: ${row.vote}`)).toEqual(["Ada Alvarez: yes", "Ben Brown: yes", "Cy Chen: yes", "Dee Diaz: no", "Eli Evans: absent"]);
      await page.setViewportSize({ width: 1280, height: 800 });
      await driver.open();
      await page.getByRole("button", { name: "Dashboard" }).click();
      await expect.poll(() => page.getByTestId("projection-accuracy").innerText(), { timeout: 15_000 }).toBe("1 of 2 projections held (50 %)");
      expect(await page.locator(".projection-list li").first().innerText()).toMatch(/^Dee Diaz\s+Providence County\s+lean yes → voted no: did not hold$/);
      await page.getByRole("heading", { name: "Whip count against the votes" }).scrollIntoViewIfNeeded();
      await driver.screenshot("projection");
    });
  });
}
