import { tracked } from "@trpc/server";
import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { getCampaign } from "../../domain/campaigns";
import { publicProcedure, router } from "../trpc";

export const changesRouter = router({
  /**
   * Live changes of one campaign as server-sent events: ids of what changed, never values (the
   * client re-fetches through its own procedures). Each event is tracked, so a reconnecting
   * client sends its lastEventId and gets what it missed, or `resync` when that is too old.
   * @see https://trpc.io/docs/server/subscriptions#tracked
   */
  onChange: publicProcedure.input(z.object({ campaignId: campaignIdSchema, lastEventId: z.string().max(100).nullish() })).subscription(async ({ ctx, input, signal }) => {
    const feed = ctx.changes;
    if (!feed) throw new Error("live changes are not enabled on this server");
    await getCampaign(ctx.db, input.campaignId);
    const includePrivate = ctx.actor.role !== "public";
    return (async function* () {
      for await (const { id, message } of feed.watch({ ...input, includePrivate, signal })) yield tracked(id, message);
    })();
  }),
});
