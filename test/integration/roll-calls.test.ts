import { beforeAll, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { createCampaign } from "../../server/domain/campaigns";
import { changeStage } from "../../server/domain/resolutions";
import { buildWorld, type World } from "../helpers/district-world";
import { forEachEngine } from "../helpers/test-db";

/**
 * Projection vs actual (issue 17): meeting mode's roll call beside each member's whip-count
 * position, per member and for the campaign, on both engines.
 */

const organizer: Actor = { name: "Roll call organizer", role: "organizer" };
const viewer: Actor = { name: "Roll call viewer", role: "viewer" };

forEachEngine((getDatabase) => {
  let world: World;
  let campaign: Campaign;
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

  beforeAll(async () => {
    const { db } = getDatabase();
    world = await buildWorld(db);
    campaign = await createCampaign(db, { name: "Whose word holds", states: ["VT"] });
  });

  it("compares each member's position with their vote, misses first, and gives the campaign's accuracy", async () => {
    const { db } = getDatabase();
    const bodyId = world.bodies.ashby;
    const member = async (name: string, position: "yes" | "lean_yes" | "no" | "undecided") => {
      const added = await caller(organizer).member.add({ bodyId, name });
      await caller(organizer).member.setPosition({ campaignId: campaign.id, memberId: added.id, position });
      return added.id;
    };
    const ana = await member("Ana Ruiz", "yes");
    const bo = await member("Bo Chen", "lean_yes");
    const cy = await member("Cy Diaz", "no");
    const di = await member("Di Evans", "undecided");
    await expect(caller(organizer).member.recordRollCall({ campaignId: campaign.id, bodyId, votes: [{ memberId: ana, vote: "yes" }] })).rejects.toThrow(
      `Ashby has no resolution in "Whose word holds" yet: record the vote's tally first`,
    );
    const introduced = await changeStage(db, { campaignId: campaign.id, bodyId, toStage: "introduced", expectedVersion: 0 }, organizer);
    await changeStage(db, { campaignId: campaign.id, bodyId, toStage: "passed", expectedVersion: introduced.version }, organizer);

    const other = await caller(organizer).member.add({ bodyId: world.bodies.dover, name: "Dover member" });
    await expect(caller(organizer).member.recordRollCall({ campaignId: campaign.id, bodyId, votes: [{ memberId: other.id, vote: "yes" }] })).rejects.toThrow(
      `Member ${other.id} does not sit on Ashby`,
    );

    await caller(organizer).member.recordRollCall({
      campaignId: campaign.id,
      bodyId,
      votes: [
        { memberId: ana, vote: "yes" },
        { memberId: bo, vote: "abstain" },
        { memberId: cy, vote: "no" },
        { memberId: di, vote: "yes" },
      ],
    });
    const result = await caller(viewer).member.projection({ campaignId: campaign.id });
    expect(result.rows.map((row) => [row.name, row.position, row.vote, row.held])).toEqual([
      ["Bo Chen", "lean_yes", "abstain", false],
      ["Ana Ruiz", "yes", "yes", true],
      ["Cy Diaz", "no", "no", true],
      ["Di Evans", "undecided", "yes", null],
    ]);
    expect(result).toMatchObject({ compared: 3, held: 2 });
    expect(result.accuracy).toBeCloseTo(2 / 3);

    // Meeting mode's retry names the version its tally saved: a resolution changed since is a conflict, with the newer values.
    const { version } = await caller(viewer).resolution.get({ campaignId: campaign.id, bodyId });
    const retried = { campaignId: campaign.id, bodyId, votes: [{ memberId: ana, vote: "no" as const }], expectedVersion: version - 1 };
    await expect(caller(organizer).member.recordRollCall(retried)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Ashby was changed by someone else since its tally was saved. Review the newer values and re-send the roll call.",
    });
    expect((await caller(viewer).member.projection({ campaignId: campaign.id })).rows.find((row) => row.name === "Ana Ruiz")?.vote).toBe("yes");
    await caller(organizer).member.recordRollCall({ ...retried, expectedVersion: version });
    expect((await caller(viewer).member.projection({ campaignId: campaign.id })).rows.find((row) => row.name === "Ana Ruiz")?.vote).toBe("no");

    // Recording again replaces the roll call.
    await caller(organizer).member.recordRollCall({ campaignId: campaign.id, bodyId, votes: [{ memberId: bo, vote: "yes" }] });
    const again = await caller(viewer).member.projection({ campaignId: campaign.id });
    expect(again.rows.map((row) => [row.name, row.held])).toEqual([["Bo Chen", true]]);
    await expect(caller({ name: "anon", role: "public" }).member.projection({ campaignId: campaign.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
  it("sets every tally beside the yes and no the whip count projected, roll call or not", async () => {
    const { db } = getDatabase();
    const withTally = async (bodyId: number, positions: ReadonlyArray<"yes" | "lean_yes" | "no" | "undecided" | null>, tally: { tallyYes: number; tallyNo: number }) => {
      for (const [index, position] of positions.entries()) {
        const added = await caller(organizer).member.add({ bodyId, name: `Member ${bodyId}-${index}` });
        if (position) await caller(organizer).member.setPosition({ campaignId: campaign.id, memberId: added.id, position });
      }
      await changeStage(db, { campaignId: campaign.id, bodyId, toStage: "introduced", expectedVersion: 0 }, organizer);
      await db.updateTable("resolution").set(tally).where("campaignId", "=", campaign.id).where("bodyId", "=", bodyId).execute();
    };
    await withTally(world.bodies.brookfield, ["yes", "lean_yes", "no", "undecided"], { tallyYes: 1, tallyNo: 3 });
    await withTally(world.bodies.dover, [null, "undecided"], { tallyYes: 2, tallyNo: 0 }); // nothing projected: left out
    const { tallies } = await caller(viewer).member.projection({ campaignId: campaign.id });
    expect(tallies).toEqual([{ bodyId: world.bodies.brookfield, bodyName: "Brookfield", projectedYes: 2, projectedNo: 1, unprojected: 1, yes: 1, no: 3, yesDifference: -1 }]);
  });
});
