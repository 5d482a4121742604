import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { addMemberInputSchema, memberIdSchema, setPositionInputSchema, updateMemberInputSchema, votingSetupInputSchema } from "../../../shared/model/member";
import { addMember, getWhipBoard, removeMember, setPosition, updateMember, updateVotingSetup } from "../../domain/members";
import { commitAndPublish } from "../commit";
import { memberProcedure, organizerProcedure, router } from "../trpc";

export const memberRouter = router({
  /** The whip panel: voting setup, members with positions (private fields included) and the count. */
  board: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema }))
    .query(({ ctx, input }) => getWhipBoard(ctx.db, input)),

  add: organizerProcedure
    .input(addMemberInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => addMember(trx, input), () => ({ campaignId: null, kind: "member", ids: [input.bodyId] }))),

  update: organizerProcedure
    .input(updateMemberInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => updateMember(trx, input), () => ({ campaignId: null, kind: "member" }))),

  remove: organizerProcedure
    .input(z.object({ memberId: memberIdSchema }))
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => removeMember(trx, input.memberId), () => ({ campaignId: null, kind: "member" }))),

  /** Position, sponsor role, internal flag, last contact and note of a member in a campaign. */
  setPosition: organizerProcedure
    .input(setPositionInputSchema)
    .mutation(({ ctx, input }) =>
      commitAndPublish(ctx, (trx) => setPosition(trx, input, ctx.actor), (member) => ({ campaignId: input.campaignId, kind: "member", ids: [member.bodyId] })),
    ),

  /** How the body votes: seats, vacancies, quorum, rule, veto and override. */
  setVotingSetup: organizerProcedure
    .input(votingSetupInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => updateVotingSetup(trx, input), () => ({ campaignId: null, kind: "member", ids: [input.bodyId] }))),
});
