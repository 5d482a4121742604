import { describe, expect, it } from "vitest";
import type { UpdateResolutionInput } from "../../shared/model/resolution";
import { defaultStageScheme } from "../../shared/model/stage";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { updateCampaign } from "../../server/domain/campaigns";
import { addMember, getWhipBoard, removeMember, setPosition, updateMember, updateVotingSetup } from "../../server/domain/members";
import { getResolutionDetails, undoStage, updateResolution } from "../../server/domain/resolution-details";
import { changeStage } from "../../server/domain/resolutions";
import { addTask, listTasks, removeTask, setTaskDone, taskAgenda, upcomingDates } from "../../server/domain/tasks";
import { ConflictError, InputError, NotFoundError } from "../../server/errors";
import { makeBody, makeCampaign } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { forEachEngine } from "../helpers/test-db";
import { rejectionOf } from "../helpers/rejection";

const organizer: Actor = { name: "Rosa Organizer", role: "organizer" };
const now = new Date("2026-03-04T05:06:07.000Z");

forEachEngine((getDatabase) => {
  const inTransaction = <T>(work: (trx: Db) => Promise<T>) => getDatabase().db.transaction().execute(work);
  const update = (input: UpdateResolutionInput, actor: Actor = organizer) => inTransaction((trx) => updateResolution(trx, input, actor, now));

  /** A body with a voting setup, a campaign, and the resolution moved to `stage` through real moves. */
  async function scheduledVote({ seats = 9 as number | null, stages = ["vote_scheduled"] } = {}) {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db);
    const body = await makeBody(db, { name: `Warwick ${Math.random().toString(36).slice(2, 7)}` });
    await inTransaction((trx) => updateVotingSetup(trx, { bodyId: body.id, seats, vacancies: null, quorum: null, voteRule: null, hasVeto: false, overrideRule: null }));
    let version = 0;
    for (const toStage of stages) {
      const result = await inTransaction((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage, expectedVersion: version }, organizer));
      version = result.version;
    }
    return { db, campaign, body, version };
  }

  describe("resolution details", () => {
    it("reads defaults for a body with no resolution yet", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      expect(await getResolutionDetails(db, { campaignId: campaign.id, bodyId: body.id })).toMatchObject({
        stage: "not_started",
        version: 0,
        voteDate: null,
        voteCancelled: false,
        tally: null,
        note: null,
      });
    });

    it("saves vote, hearing, links and note, bumps the version and writes no stage event", async () => {
      const { db, campaign, body, version } = await scheduledVote();
      const before = await snapshotResolutionTables(db);
      const result = await update({
        campaignId: campaign.id,
        bodyId: body.id,
        expectedVersion: version,
        changes: {
          voteDate: "2026-04-07",
          voteTime: "19:30",
          voteLocation: "  City Hall, room 2 ",
          hearingDate: "2026-03-24",
          hearingTime: "18:00",
          hearingLocation: "Council chambers",
          agendaUrl: "https://warwick.example/agenda.pdf",
          note: "Call the clerk on Monday",
        },
      });
      expect(result).toMatchObject({
        stage: "vote_scheduled",
        version: version + 1,
        voteDate: "2026-04-07",
        voteTime: "19:30",
        voteLocation: "City Hall, room 2",
        hearingDate: "2026-03-24",
        agendaUrl: "https://warwick.example/agenda.pdf",
        note: "Call the clerk on Monday",
        stageEvent: null,
        notice: null,
        updatedAt: now.toISOString(),
      });
      const after = await snapshotResolutionTables(db);
      expect(after.stageEvents).toEqual(before.stageEvents);
    });

    it("creates the resolution on a first save (expectedVersion 0) at the first stage", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      const result = await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: 0, changes: { note: "New lead from the forum" } });
      expect(result).toMatchObject({ stage: "not_started", version: 1, note: "New lead from the forum" });
    });

    it("saves nothing and keeps the version when nothing changed", async () => {
      const { db, campaign, body, version } = await scheduledVote();
      const before = await snapshotResolutionTables(db);
      const result = await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { voteDate: null } });
      expect(result).toMatchObject({ version, notice: "Nothing changed" });
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    // [case, changes, message]
    const refusals: Array<[string, UpdateResolutionInput["changes"], string]> = [
      ["a javascript: link", { agendaUrl: "javascript:alert(1)" }, "a link must start with http:// or https://"],
      ["a file: link", { minutesUrl: "file:///etc/passwd" }, "a link must start with http:// or https://"],
      ["a date that does not exist", { voteDate: "2026-02-31" }, "not a real calendar date"],
      ["a time without a date", { voteTime: "19:30" }, "A vote time needs a vote date"],
      ["a malformed time", { voteDate: "2026-04-07", voteTime: "7pm" }, "expected a time like 19:30"],
      ["more tally than sitting members", { tally: { yes: 6, no: 4, abstain: 0, absent: 0 } }, "Tally not saved: the tally counts 10 members but the body has 9 sitting (9 seats)"],
      ["a hub that does not exist", { hubId: 987_654 }, "No hub with id 987654"],
    ];
    it.each(refusals)("refuses %s and changes nothing", async (_name, changes, message) => {
      const { db, campaign, body, version } = await scheduledVote();
      const before = await snapshotResolutionTables(db);
      const error = await rejectionOf(update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes }));
      expect((error as Error).message).toContain(message);
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("refuses a stale version with a ConflictError carrying the current values", async () => {
      const { db, campaign, body, version } = await scheduledVote();
      await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { voteDate: "2026-04-07", note: "first" } });
      const before = await snapshotResolutionTables(db);
      const error = await rejectionOf(update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { voteLocation: "Library" } }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).current).toMatchObject({ version: version + 1, voteDate: "2026-04-07", note: "first", voteLocation: null });
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });
  });

  describe("recording a tally", () => {
    it("moves a scheduled vote to passed with a stage event", async () => {
      const { db, campaign, body, version } = await scheduledVote();
      const result = await update({
        campaignId: campaign.id,
        bodyId: body.id,
        expectedVersion: version,
        changes: { voteDate: "2026-03-01", tally: { yes: 5, no: 3, abstain: 1, absent: 0 } },
      });
      expect(result).toMatchObject({ stage: "passed", version: version + 1, tally: { yes: 5, no: 3, abstain: 1, absent: 0 }, notice: null });
      expect(result.stageEvent).toMatchObject({
        fromStage: "vote_scheduled",
        toStage: "passed",
        actor: "Rosa Organizer",
        note: "Tally recorded: 5 yes, 3 no, 1 abstain, 0 absent",
      });
      const events = (await snapshotResolutionTables(db)).stageEvents.filter((event) => event.id === result.stageEvent!.id);
      expect(events).toHaveLength(1);
    });

    it("moves to failed on a tie", async () => {
      const { campaign, body, version } = await scheduledVote({ seats: 8 });
      const result = await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { tally: { yes: 4, no: 4, abstain: 0, absent: 0 } } });
      expect(result).toMatchObject({ stage: "failed" });
    });

    it("saves the tally but keeps the stage when the rule does not allow the move, and says why", async () => {
      const { campaign, body, version } = await scheduledVote({ stages: ["organizing"] });
      const result = await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { tally: { yes: 6, no: 3, abstain: 0, absent: 0 } } });
      expect(result).toMatchObject({ stage: "organizing", stageEvent: null, tally: { yes: 6, no: 3 } });
      expect(result.notice).toBe('Tally saved (6–3, passed); the stage stays "Organizing" because it cannot move to "Passed" from there');
    });

    it("keeps the stage below quorum", async () => {
      const { campaign, body, version } = await scheduledVote();
      const result = await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { tally: { yes: 3, no: 1, abstain: 0, absent: 5 } } });
      expect(result).toMatchObject({ stage: "vote_scheduled", stageEvent: null });
      expect(result.notice).toContain("below the quorum");
    });
  });

  describe("undoStage", () => {
    it("appends an event back to the previous stage; undoing the undo goes forward again", async () => {
      const { db, campaign, body, version } = await scheduledVote({ stages: ["organizing", "vote_scheduled", "passed"] });
      const key = { campaignId: campaign.id, bodyId: body.id };
      const eventsBefore = (await snapshotResolutionTables(db)).stageEvents.length;
      const undone = await inTransaction((trx) => undoStage(trx, { ...key, expectedVersion: version }, organizer, now));
      expect(undone).toMatchObject({ stage: "vote_scheduled", version: version + 1 });
      expect(undone.event).toMatchObject({ fromStage: "passed", toStage: "vote_scheduled", note: 'Undo of "Passed"' });
      const redone = await inTransaction((trx) => undoStage(trx, { ...key, expectedVersion: version + 1, note: "it did pass" }, organizer, now));
      expect(redone).toMatchObject({ stage: "passed", event: { note: 'Undo of "Vote scheduled": it did pass' } });
      const after = await snapshotResolutionTables(db);
      expect(after.stageEvents.length).toBe(eventsBefore + 2);
    });

    it("refuses a body with no history, and a stale version, changing nothing", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      const before = await snapshotResolutionTables(db);
      const error = await rejectionOf(inTransaction((trx) => undoStage(trx, { campaignId: campaign.id, bodyId: body.id, expectedVersion: 1 }, organizer)));
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(`${body.name} has no stage change to undo`);
      const { version, campaign: other, body: otherBody } = await scheduledVote({ stages: ["organizing"] });
      const stale = await rejectionOf(inTransaction((trx) => undoStage(trx, { campaignId: other.id, bodyId: otherBody.id, expectedVersion: version + 5 }, organizer)));
      expect(stale).toBeInstanceOf(ConflictError);
      expect((await snapshotResolutionTables(db)).stageEvents.length).toBe(before.stageEvents.length + 1);
    });
  });

  describe("members, positions and the whip count", () => {
    it("adds members, records positions and sponsors, and counts them against the body's rule", async () => {
      const { db, campaign, body } = await scheduledVote({ seats: 7 });
      const key = { campaignId: campaign.id, bodyId: body.id };
      const ids: number[] = [];
      for (const name of ["Ada", "Ben", "Cy", "Di"]) ids.push((await inTransaction((trx) => addMember(trx, { bodyId: body.id, name, role: "Councillor" }))).id);
      await inTransaction((trx) =>
        setPosition(trx, { campaignId: campaign.id, memberId: ids[0]!, position: "yes", sponsorRole: "lead", lastContactedOn: "2026-03-01" }, organizer),
      );
      await inTransaction((trx) => setPosition(trx, { campaignId: campaign.id, memberId: ids[1]!, position: "yes", sponsorRole: "cosponsor" }, organizer));
      await inTransaction((trx) =>
        setPosition(trx, { campaignId: campaign.id, memberId: ids[2]!, position: "lean_yes", isInternal: true, note: "wants a labor amendment" }, organizer),
      );
      const board = await getWhipBoard(db, key);
      expect(board.members.map((member) => [member.name, member.position, member.sponsorRole])).toEqual([
        ["Ada", "yes", "lead"],
        ["Ben", "yes", "cosponsor"],
        ["Cy", "lean_yes", null],
        ["Di", "unknown", null],
      ]);
      expect(board.members[0]).toMatchObject({ lastContactedOn: "2026-03-01", contactedBy: "Rosa Organizer" });
      expect(board.members[2]).toMatchObject({ isInternal: true, note: "wants a labor amendment" });
      expect(board.whip.summary).toBe("4 of 7 needed: 2 yes, 1 lean yes, 4 unknown — 2 more needed");
    });

    it("allows one lead sponsor per body and campaign", async () => {
      const { campaign, body } = await scheduledVote();
      const first = await inTransaction((trx) => addMember(trx, { bodyId: body.id, name: "Lead One" }));
      const second = await inTransaction((trx) => addMember(trx, { bodyId: body.id, name: "Lead Two" }));
      await inTransaction((trx) => setPosition(trx, { campaignId: campaign.id, memberId: first.id, sponsorRole: "lead" }, organizer));
      const error = await rejectionOf(inTransaction((trx) => setPosition(trx, { campaignId: campaign.id, memberId: second.id, sponsorRole: "lead" }, organizer)));
      expect((error as Error).message).toBe("Lead One is already the lead sponsor; make them a cosponsor first");
      // The lead may be set again on the same member, and another campaign has its own lead.
      await inTransaction((trx) => setPosition(trx, { campaignId: campaign.id, memberId: first.id, sponsorRole: "lead", position: "yes" }, organizer));
      const other = await makeCampaign(getDatabase().db);
      await inTransaction((trx) => setPosition(trx, { campaignId: other.id, memberId: second.id, sponsorRole: "lead" }, organizer));
    });

    it("edits and removes members; refuses a term that ends before it starts", async () => {
      const { db, campaign, body } = await scheduledVote();
      const { id } = await inTransaction((trx) => addMember(trx, { bodyId: body.id, name: "Old Name", privateContact: "555-0100" }));
      await inTransaction((trx) => updateMember(trx, { memberId: id, changes: { name: "New Name", termStart: "2026-01-01", termEnd: "2027-12-31" } }));
      const board = await getWhipBoard(db, { campaignId: campaign.id, bodyId: body.id });
      expect(board.members).toEqual([expect.objectContaining({ name: "New Name", privateContact: "555-0100", termEnd: "2027-12-31" })]);
      const error = await rejectionOf(inTransaction((trx) => updateMember(trx, { memberId: id, changes: { termEnd: "2025-01-01" } })));
      expect((error as Error).message).toBe("A term cannot end before it starts");
      await inTransaction((trx) => removeMember(trx, id));
      expect((await getWhipBoard(db, { campaignId: campaign.id, bodyId: body.id })).members).toEqual([]);
      expect(await rejectionOf(inTransaction((trx) => removeMember(trx, id)))).toBeInstanceOf(NotFoundError);
    });

    it("refuses a voting setup with more vacancies than seats", async () => {
      const { body } = await scheduledVote();
      const error = await rejectionOf(
        inTransaction((trx) => updateVotingSetup(trx, { bodyId: body.id, seats: 5, vacancies: 5, quorum: null, voteRule: null, hasVeto: false, overrideRule: null })),
      );
      expect((error as Error).message).toContain("vacancies must be fewer than the seats");
    });
  });

  describe("next actions", () => {
    it("adds, completes, reopens and deletes; the agenda lists overdue and this week's open tasks", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db, { name: "Cranston" });
      const key = { campaignId: campaign.id, bodyId: body.id };
      const late = await inTransaction((trx) => addTask(trx, { ...key, title: "Call the clerk", owner: "Sam", dueOn: "2026-03-01" }, organizer, now));
      const soon = await inTransaction((trx) => addTask(trx, { ...key, title: "Print flyers", dueOn: "2026-03-10" }, organizer, now));
      await inTransaction((trx) => addTask(trx, { ...key, title: "Later", dueOn: "2026-04-30" }, organizer, now));
      await inTransaction((trx) => addTask(trx, { ...key, title: "Someday" }, organizer, now));
      expect(late).toMatchObject({ bodyName: "Cranston", owner: "Sam", createdBy: "Rosa Organizer", doneAt: null });

      const agenda = await taskAgenda(db, { campaignId: campaign.id, today: "2026-03-04" });
      expect(agenda.overdue.map((task) => task.title)).toEqual(["Call the clerk"]);
      expect(agenda.dueThisWeek.map((task) => task.title)).toEqual(["Print flyers"]);

      await inTransaction((trx) => setTaskDone(trx, { taskId: late.id, done: true }, now));
      expect((await taskAgenda(db, { campaignId: campaign.id, today: "2026-03-04" })).overdue).toEqual([]);
      expect((await listTasks(db, key)).map((task) => [task.title, task.doneAt !== null])).toEqual([
        ["Print flyers", false],
        ["Later", false],
        ["Someday", false],
        ["Call the clerk", true],
      ]);
      await inTransaction((trx) => setTaskDone(trx, { taskId: late.id, done: false }));
      expect((await taskAgenda(db, { campaignId: campaign.id, today: "2026-03-04" })).overdue).toHaveLength(1);
      await inTransaction((trx) => removeTask(trx, soon.id));
      expect((await listTasks(db, key)).map((task) => task.title)).not.toContain("Print flyers");
    });

    it("lists votes and hearings of the next days, soonest first", async () => {
      const { campaign, body, version } = await scheduledVote();
      await update({ campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { voteDate: "2026-03-20", voteTime: "19:00", hearingDate: "2026-03-10" } });
      const dates = await upcomingDates(getDatabase().db, { campaignId: campaign.id, today: "2026-03-04", days: 30 });
      expect(dates.map((date) => [date.kind, date.date, date.time])).toEqual([
        ["hearing", "2026-03-10", null],
        ["vote", "2026-03-20", "19:00"],
      ]);
      expect(await upcomingDates(getDatabase().db, { campaignId: campaign.id, today: "2026-03-15", days: 3 })).toEqual([]);
    });
  });

  describe("campaign editing", () => {
    it("renames, recolours, reorders and adds stages, and sets the bill and model text", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const stages = defaultStageScheme.stages.map((stage) => (stage.id === "organizing" ? { ...stage, label: "Building a team", color: "#abcdef" } : stage));
      const reordered = [
        stages[0]!,
        stages[1]!,
        stages[2]!,
        { id: "petition", label: "Petition", color: "#123456", kind: "pipeline" as const, opensVote: false, description: "" },
        ...stages.slice(3),
      ];
      const updated = await inTransaction((trx) =>
        updateCampaign(trx, { campaignId: campaign.id, bill: "H.1234", modelText: "# Whereas\n\nHealth care is a right.", stageScheme: { stages: reordered } }),
      );
      expect(updated.bill).toBe("H.1234");
      expect(updated.modelText).toBe("# Whereas\n\nHealth care is a right.");
      expect(updated.stageScheme.stages.map((stage) => stage.id).slice(0, 5)).toEqual(["not_started", "organizing", "sponsor_found", "petition", "introduced"]);
      expect(updated.stageScheme.stages[1]).toMatchObject({ label: "Building a team", color: "#abcdef" });
    });

    it("refuses removing a stage a resolution stands at, and an invalid scheme", async () => {
      const { campaign } = await scheduledVote({ stages: ["organizing"] });
      const without = defaultStageScheme.stages.filter((stage) => stage.id !== "organizing");
      const error = await rejectionOf(inTransaction((trx) => updateCampaign(trx, { campaignId: campaign.id, stageScheme: { stages: without } })));
      expect((error as Error).message).toBe('Cannot remove stages that resolutions stand at: "Organizing" (1); move them first');
      const duplicate = await rejectionOf(
        inTransaction((trx) => updateCampaign(trx, { campaignId: campaign.id, stageScheme: { stages: [...defaultStageScheme.stages, defaultStageScheme.stages[0]!] } })),
      );
      expect((duplicate as Error).message).toContain("stage ids must be unique");
      const withoutFirst = defaultStageScheme.stages.filter((stage) => stage.id !== "not_started");
      const first = await rejectionOf(inTransaction((trx) => updateCampaign(trx, { campaignId: campaign.id, stageScheme: { stages: withoutFirst } })));
      expect((first as Error).message).toBe('Cannot remove "Not started": every body without a resolution stands at it');
      // An unused stage may go.
      const withoutRescinded = defaultStageScheme.stages.filter((stage) => stage.id !== "rescinded");
      const updated = await inTransaction((trx) => updateCampaign(trx, { campaignId: campaign.id, stageScheme: { stages: withoutRescinded } }));
      expect(updated.stageScheme.stages).toHaveLength(defaultStageScheme.stages.length - 1);
    });
  });
});
