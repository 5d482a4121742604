import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import {
  addMemberInputSchema,
  memberIdSchema,
  recordRollCallInputSchema,
  setPositionInputSchema,
  updateMemberInputSchema,
  votingSetupInputSchema,
} from "../../../shared/model/member";
import type { Db } from "../../db/connect";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { findBodyIdOfMember } from "../../db/repositories/body-repository";
import { addMember, getWhipBoard, removeMember, setPosition, updateMember, updateVotingSetup } from "../../domain/members";
import { getProjectionAccuracy, recordRollCall } from "../../domain/roll-calls";
import { write } from "../../domain/write";
import { bodyEditorProcedure, inHubArea, memberProcedure, router } from "../trpc";

const inputBody = inHubArea((_db: Db, input: { bodyId: number }) => input.bodyId);
const memberBody = inHubArea((db: Db, input: { memberId: number }) => findBodyIdOfMember(db, input.memberId));
const memberRow = (memberId: number) => (trx: Db) => snapshotRow(trx, "member", { id: memberId });

/** Members of bodies and their contacts; hub members edit those of bodies in their hub's area. */
export const memberRouter = router({
  /** Meeting mode's roll call: how each member voted on the body's resolution (replaces an earlier one). */
  recordRollCall: bodyEditorProcedure
    .input(recordRollCallInputSchema)
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => recordRollCall(trx, input),
        (result) => ({ campaignId: result.campaignId, kind: "member", ids: [result.bodyId] }),
        {
          subjectKind: "member",
          describe: (result) => ({ subjectId: result.bodyId, campaignId: result.campaignId, summary: `Roll call recorded: ${result.votes} members`, after: input }),
        },
      ),
    ),

  /** Whose word held: each member's whip-count position beside their roll call vote, and the campaign's accuracy. */
  projection: memberProcedure.input(z.object({ campaignId: campaignIdSchema })).query(({ ctx, input }) => getProjectionAccuracy(ctx.db, input.campaignId)),

  /** The whip panel: voting setup, members with positions (private fields included) and the count. */
  board: memberProcedure.input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema })).query(({ ctx, input }) => getWhipBoard(ctx.db, input)),

  add: bodyEditorProcedure
    .input(addMemberInputSchema)
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => addMember(trx, input),
        () => ({ campaignId: null, kind: "member", ids: [input.bodyId] }),
        {
          subjectKind: "member",
          describe: (member) => ({ subjectId: member.id, summary: `Member added: ${input.name}`, after: input }),
        },
      ),
    ),

  update: bodyEditorProcedure
    .input(updateMemberInputSchema)
    .use(memberBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => updateMember(trx, input),
        () => ({ campaignId: null, kind: "member" }),
        {
          subjectKind: "member",
          load: memberRow(input.memberId),
          describe: () => ({ subjectId: input.memberId, summary: "Member edited" }),
        },
      ),
    ),

  remove: bodyEditorProcedure
    .input(z.object({ memberId: memberIdSchema }))
    .use(memberBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => removeMember(trx, input.memberId),
        () => ({ campaignId: null, kind: "member" }),
        {
          subjectKind: "member",
          load: memberRow(input.memberId),
          describe: () => ({ subjectId: input.memberId, summary: "Member removed", after: null }),
        },
      ),
    ),

  /** Position, sponsor role, internal flag, last contact and note of a member in a campaign. */
  setPosition: bodyEditorProcedure
    .input(setPositionInputSchema)
    .use(memberBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => setPosition(trx, input, ctx.actor),
        (member) => ({ campaignId: input.campaignId, kind: "member", ids: [member.bodyId] }),
        {
          subjectKind: "memberPosition",
          load: (trx) => snapshotRow(trx, "memberPosition", { campaignId: input.campaignId, memberId: input.memberId }),
          describe: (member) => ({ subjectId: input.memberId, campaignId: input.campaignId, summary: `Position of ${member.name} saved` }),
        },
      ),
    ),

  /** How the body votes: seats, vacancies, quorum, rule, veto and override. */
  setVotingSetup: bodyEditorProcedure
    .input(votingSetupInputSchema)
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => updateVotingSetup(trx, input),
        () => ({ campaignId: null, kind: "member", ids: [input.bodyId] }),
        {
          subjectKind: "body",
          load: (trx) => snapshotRow(trx, "body", { id: input.bodyId }),
          describe: () => ({ subjectId: input.bodyId, summary: "Voting rules saved" }),
        },
      ),
    ),
});
