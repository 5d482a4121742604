import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import {
  lobbyDayIdSchema,
  lobbySignUpInputSchema,
  reportBackInputSchema,
  saveLobbyDayInputSchema,
  scheduleVisitInputSchema,
  withdrawSignUpInputSchema,
} from "../../../shared/model/lobby-day";
import { getLobbyDay, listLobbyDays, reportBack, saveLobbyDay, scheduleVisit, signUp, withdrawSignUp } from "../../domain/lobby-days";
import { findLobbyDay } from "../../db/repositories/lobby-day-repository";
import { write } from "../../domain/write";
import type { Db } from "../../db/connect";
import { bodyEditorProcedure, forHubLegislator, memberProcedure, organizerProcedure, router } from "../trpc";

/** The campaign a lobby day belongs to, for the live change (null: unknown, the domain answers 404). */
const campaignOf = async (db: Db, lobbyDayId: number) => (await findLobbyDay(db, lobbyDayId))?.campaignId ?? null;

/** Lobby days: members see them; organizers plan and schedule; hub members sign up and report back for their own legislators. */
export const lobbyDayRouter = router({
  list: memberProcedure.input(z.object({ campaignId: campaignIdSchema })).query(({ ctx, input }) => listLobbyDays(ctx.db, input)),

  get: memberProcedure.input(z.object({ lobbyDayId: lobbyDayIdSchema })).query(({ ctx, input }) => getLobbyDay(ctx.db, input)),

  /** Create or change a lobby day (name, date, start, place, bills, chambers, notes). */
  save: organizerProcedure.input(saveLobbyDayInputSchema).mutation(({ ctx, input }) =>
    write(
      ctx,
      (trx) => saveLobbyDay(trx, input, ctx.actor),
      (day) => ({ campaignId: day.campaignId, kind: "lobby", ids: [day.id] }),
      {
        subjectKind: "lobbyDay",
        describe: (day) => ({
          subjectId: day.id,
          campaignId: day.campaignId,
          summary: `Lobby day ${input.lobbyDayId === undefined ? "planned" : "changed"}: ${day.name} on ${day.heldOn}`,
          after: day,
        }),
      },
    ),
  ),

  /** Sign someone up to meet a legislator: organizers for anyone, hub members for their hub's legislators. */
  signUp: bodyEditorProcedure
    .input(lobbySignUpInputSchema)
    .use(forHubLegislator((_db, input: { legislatorId: number }) => input.legislatorId))
    .mutation(async ({ ctx, input }) => {
      const campaignId = await campaignOf(ctx.db, input.lobbyDayId);
      return write(
        ctx,
        (trx) => signUp(trx, input, ctx.actor),
        () => ({ campaignId, kind: "lobby", ids: [input.lobbyDayId] }),
        {
          subjectKind: "lobbyDay",
          describe: (entry) => ({ subjectId: input.lobbyDayId, campaignId, summary: `${entry.name} signed up to meet legislator ${entry.legislatorId}`, after: entry }),
        },
      );
    }),

  /** Take a sign-up back (hub members: their own hub's). */
  withdraw: bodyEditorProcedure.input(withdrawSignUpInputSchema).mutation(async ({ ctx, input }) => {
    const campaignId = await campaignOf(ctx.db, input.lobbyDayId);
    return write(
      ctx,
      (trx) => withdrawSignUp(trx, input, ctx.actor),
      () => ({ campaignId, kind: "lobby", ids: [input.lobbyDayId] }),
      {
        subjectKind: "lobbyDay",
        describe: (entry) => ({ subjectId: input.lobbyDayId, campaignId, summary: `Sign-up ${input.signUpId} to meet legislator ${entry.legislatorId} taken back` }),
      },
    );
  }),

  /** Set an office's time and room. */
  schedule: organizerProcedure.input(scheduleVisitInputSchema).mutation(async ({ ctx, input }) => {
    const campaignId = await campaignOf(ctx.db, input.lobbyDayId);
    return write(
      ctx,
      (trx) => scheduleVisit(trx, input),
      () => ({ campaignId, kind: "lobby", ids: [input.lobbyDayId] }),
      {
        subjectKind: "lobbyDay",
        describe: (visit) => ({
          subjectId: input.lobbyDayId,
          campaignId,
          summary: `Visit to ${visit.seat.name} set to ${visit.time ?? "no time"}${visit.room ? ` in ${visit.room}` : ""}`,
        }),
      },
    );
  }),

  /** A visit's report-back: logged as a meeting (outcome step, follow-ups), linked to the visit. */
  reportBack: bodyEditorProcedure
    .input(reportBackInputSchema)
    .use(forHubLegislator((_db, input: { legislatorId: number }) => input.legislatorId))
    .mutation(async ({ ctx, input }) => {
      const campaignId = await campaignOf(ctx.db, input.lobbyDayId);
      return write(
        ctx,
        (trx) => reportBack(trx, input, ctx.actor),
        () => [
          { campaignId, kind: "legislator", ids: [input.legislatorId] },
          { campaignId, kind: "lobby", ids: [input.lobbyDayId] },
        ],
        {
          subjectKind: "meeting",
          describe: (meeting) => ({
            subjectId: input.legislatorId,
            campaignId,
            summary: `Lobby day visit of ${meeting.metOn} reported back`,
            after: { meetingId: meeting.id, outcomeStep: meeting.outcomeStep },
          }),
        },
      );
    }),
});
