import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { ResolutionDetails, UpdateResolutionInput } from "../../shared/model/resolution";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { ConflictError } from "../../server/errors";
import { makeBody, makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Many hands on one resolution: concurrent saves through the API never lose an update. Each
 * loser gets CONFLICT carrying the winner's values, and re-applying its own change on top of
 * them succeeds.
 */
forEachEngine((getDatabase) => {
  const callerFor = (name: string) => createCaller({ db: getDatabase().db, actor: { name, role: "organizer" } satisfies Actor });

  /** The conflict payload a CONFLICT TRPCError carries (the domain error is its cause). */
  function conflictOf(reason: unknown): ResolutionDetails {
    expect(reason).toBeInstanceOf(TRPCError);
    expect((reason as TRPCError).code).toBe("CONFLICT");
    const cause = (reason as TRPCError).cause;
    expect(cause).toBeInstanceOf(ConflictError);
    return (cause as ConflictError).current as ResolutionDetails;
  }

  async function freshResolution() {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db);
    const body = await makeBody(db);
    const first = await callerFor("Setup").resolution.update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: 0, changes: { note: "start" } });
    return { campaign, body, version: first.version };
  }

  describe("two writers", () => {
    it("one wins; the loser gets CONFLICT with the winner's values and re-applies without losing either change", async () => {
      const { campaign, body, version } = await freshResolution();
      const key = { campaignId: campaign.id, bodyId: body.id };
      const changes: Array<UpdateResolutionInput["changes"]> = [{ voteLocation: "City Hall" }, { note: "Bring the petition" }];
      const results = await Promise.allSettled(
        changes.map((change, index) => callerFor(`Writer ${index + 1}`).resolution.update({ ...key, expectedVersion: version, changes: change })),
      );
      const winners = results.flatMap((result, index) => (result.status === "fulfilled" ? [{ index, value: result.value }] : []));
      const losers = results.flatMap((result, index) => (result.status === "rejected" ? [{ index, reason: result.reason as unknown }] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);

      const winner = winners[0]!;
      const current = conflictOf(losers[0]!.reason);
      expect(current.version).toBe(version + 1);
      expect(current).toMatchObject(changes[winner.index]!);

      const loserIndex = losers[0]!.index;
      const reapplied = await callerFor(`Writer ${loserIndex + 1}`).resolution.update({ ...key, expectedVersion: current.version, changes: changes[loserIndex]! });
      expect(reapplied.version).toBe(version + 2);
      const final = await callerFor("Reader").resolution.get(key);
      expect(final).toMatchObject({ voteLocation: "City Hall", note: "Bring the petition", version: version + 2 });
    });

    it("a stage change and a details save race on the same version: exactly one wins", async () => {
      const { campaign, body, version } = await freshResolution();
      const key = { campaignId: campaign.id, bodyId: body.id };
      const results = await Promise.allSettled([
        callerFor("Stage writer").resolution.changeStage({ ...key, toStage: "organizing", expectedVersion: version }),
        callerFor("Details writer").resolution.update({ ...key, expectedVersion: version, changes: { voteLocation: "Library" } }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((result) => result.status === "rejected")!;
      expect((rejected.reason as TRPCError).code).toBe("CONFLICT");
      expect((await callerFor("Reader").resolution.get(key)).version).toBe(version + 1);
    });
  });

  describe("one lead sponsor", () => {
    it("two organizers naming different lead sponsors at once: exactly one succeeds", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      const first = await callerFor("Setup").member.add({ bodyId: body.id, name: "First Lead" });
      const second = await callerFor("Setup").member.add({ bodyId: body.id, name: "Second Lead" });
      const results = await Promise.allSettled(
        [first, second].map((member, index) => callerFor(`Writer ${index + 1}`).member.setPosition({ campaignId: campaign.id, memberId: member.id, sponsorRole: "lead" })),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
      expect((rejected.reason as TRPCError).code).toBe("BAD_REQUEST");
      expect((rejected.reason as Error).message).toMatch(/is already the lead sponsor/);
      const board = await callerFor("Reader").member.board({ campaignId: campaign.id, bodyId: body.id });
      expect(board.members.filter((member) => member.sponsorRole === "lead")).toHaveLength(1);
    });
  });

  describe("many writers", () => {
    it("eight writers each re-applying after conflicts: every change lands, one version step each", async () => {
      const { campaign, body, version } = await freshResolution();
      const key = { campaignId: campaign.id, bodyId: body.id };
      const changes: Array<UpdateResolutionInput["changes"]> = [
        { voteLocation: "City Hall" },
        { hearingLocation: "Room 2" },
        { agendaUrl: "https://example.org/agenda" },
        { minutesUrl: "https://example.org/minutes" },
        { adoptedTextUrl: "https://example.org/text" },
        { note: "many hands" },
        { introducedOn: "2026-02-01" },
        { voteDate: "2026-05-05" },
      ];
      let conflicts = 0;
      const writer = async (change: UpdateResolutionInput["changes"], index: number) => {
        const caller = callerFor(`Writer ${index + 1}`);
        let expectedVersion = version;
        for (let attempt = 0; attempt < changes.length + 1; attempt++) {
          try {
            return await caller.resolution.update({ ...key, expectedVersion, changes: change });
          } catch (reason) {
            const current = conflictOf(reason);
            expect(current.version).toBeGreaterThan(expectedVersion);
            expectedVersion = current.version;
            conflicts++;
          }
        }
        throw new Error(`writer ${index + 1} never got through`);
      };
      const saved = await Promise.all(changes.map(writer));
      // Every save got its own version: no two writers both "won" the same step.
      expect(new Set(saved.map((result) => result.version)).size).toBe(changes.length);
      expect(conflicts).toBeGreaterThan(0);
      const final = await callerFor("Reader").resolution.get(key);
      expect(final.version).toBe(version + changes.length);
      for (const change of changes) expect(final).toMatchObject(change);
    });
  });
});
