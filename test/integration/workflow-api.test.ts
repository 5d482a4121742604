import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { makeBody, makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

const roles: Record<string, Actor> = {
  public: { name: "anon", role: "public" },
  viewer: { name: "Vera Viewer", role: "viewer" },
  organizer: { name: "Olga Organizer", role: "organizer" },
};

/** The TRPCError code a call rejected with, or "ok". */
async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (reason: unknown) => (reason instanceof TRPCError ? reason.code : `not a TRPCError: ${String(reason)}`),
  );
}

forEachEngine((getDatabase) => {
  const as = (role: keyof typeof roles) => createCaller({ db: getDatabase().db, actor: roles[role]! });

  async function seeded() {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db);
    const body = await makeBody(db);
    const key = { campaignId: campaign.id, bodyId: body.id };
    await as("organizer").resolution.update({ ...key, expectedVersion: 0, changes: { note: "SECRET-NOTE", voteDate: "2026-12-01" } });
    const member = await as("organizer").member.add({ bodyId: body.id, name: "Pat Member", privateContact: "SECRET-PHONE" });
    await as("organizer").member.setPosition({ campaignId: campaign.id, memberId: member.id, position: "lean_yes", isInternal: true, note: "SECRET-POSITION-NOTE" });
    const task = await as("organizer").task.add({ ...key, title: "SECRET-TASK", dueOn: "2026-01-01" });
    return { campaign, body, key, member, task };
  }

  describe("who may call the workflow procedures", () => {
    it("keeps private reads from the public and writes from viewers", async () => {
      const { campaign, body, key, member, task } = await seeded();
      // [procedure, call, public, viewer, organizer]
      const table: Array<[string, (caller: ReturnType<typeof as>) => Promise<unknown>, string, string, string]> = [
        ["resolution.get", (c) => c.resolution.get(key), "UNAUTHORIZED", "ok", "ok"],
        ["resolution.upcoming", (c) => c.resolution.upcoming({ campaignId: campaign.id, today: "2026-11-20" }), "ok", "ok", "ok"],
        ["member.board", (c) => c.member.board(key), "UNAUTHORIZED", "ok", "ok"],
        ["task.list", (c) => c.task.list(key), "UNAUTHORIZED", "ok", "ok"],
        ["task.overdue", (c) => c.task.overdue({ campaignId: campaign.id }), "UNAUTHORIZED", "ok", "ok"],
        ["resolution.update", (c) => c.resolution.update({ ...key, expectedVersion: 99, changes: { note: "x" } }), "UNAUTHORIZED", "FORBIDDEN", "CONFLICT"],
        ["resolution.undoStage", (c) => c.resolution.undoStage({ ...key, expectedVersion: 99 }), "UNAUTHORIZED", "FORBIDDEN", "CONFLICT"],
        ["member.add", (c) => c.member.add({ bodyId: 987_654, name: "X" }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["member.update", (c) => c.member.update({ memberId: 987_654, changes: { name: "X" } }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["member.remove", (c) => c.member.remove({ memberId: 987_654 }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["member.setPosition", (c) => c.member.setPosition({ campaignId: campaign.id, memberId: 987_654, position: "yes" }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        [
          "member.setVotingSetup",
          (c) => c.member.setVotingSetup({ bodyId: 987_654, seats: 5, vacancies: null, quorum: null, voteRule: null, hasVeto: false, overrideRule: null }),
          "UNAUTHORIZED",
          "FORBIDDEN",
          "NOT_FOUND",
        ],
        ["task.add", (c) => c.task.add({ ...key, bodyId: 987_654, title: "X" }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["task.update", (c) => c.task.update({ taskId: 987_654, changes: { title: "X" } }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["task.complete", (c) => c.task.complete({ taskId: 987_654 }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["task.reopen", (c) => c.task.reopen({ taskId: 987_654 }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["task.remove", (c) => c.task.remove({ taskId: 987_654 }), "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
        ["campaign.update", (c) => c.campaign.update({ campaignId: 987_654, bill: "X" }), "UNAUTHORIZED", "FORBIDDEN", "FORBIDDEN"],
      ];
      const seen = [];
      const expected = [];
      for (const [name, call, ...codes] of table) {
        expected.push([name, ...codes]);
        seen.push([name, await outcomeOf(call(as("public"))), await outcomeOf(call(as("viewer"))), await outcomeOf(call(as("organizer")))]);
      }
      expect(seen).toEqual(expected);
      // Members and organizers do see the private fields.
      expect(await as("viewer").resolution.get(key)).toMatchObject({ note: "SECRET-NOTE" });
      expect((await as("viewer").member.board(key)).members).toEqual([
        expect.objectContaining({ id: member.id, privateContact: "SECRET-PHONE", isInternal: true, note: "SECRET-POSITION-NOTE" }),
      ]);
      expect((await as("viewer").task.list(key)).map((row) => row.id)).toEqual([task.id]);
      expect(body.id).toBeGreaterThan(0);
    });

    it("public procedures never carry the private workflow fields", async () => {
      const { campaign } = await seeded();
      const outputs = [
        await as("public").resolution.upcoming({ campaignId: campaign.id, today: "2026-11-20" }),
        await as("public").resolution.stages({ campaignId: campaign.id }),
        await as("public").campaign.list(),
        await as("public").body.list({ campaignId: campaign.id }),
      ];
      const serialised = JSON.stringify(outputs);
      expect(serialised).toContain("2026-12-01");
      for (const secret of ["SECRET-NOTE", "SECRET-PHONE", "SECRET-POSITION-NOTE", "SECRET-TASK"]) expect(serialised).not.toContain(secret);
    });
  });
});
