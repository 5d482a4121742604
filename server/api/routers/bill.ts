import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { addBillInputSchema, billSchema, updateBillInputSchema } from "../../../shared/model/ladder";
import { addBill, listBills, updateBill } from "../../domain/bills";
import { write } from "../../domain/write";
import { adminProcedure, publicProcedure, router } from "../trpc";

export const billRouter = router({
  /** The campaign's bills, the default (first) one first: public, like the campaign's bill. */
  list: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema }))
    .output(z.array(billSchema))
    .query(({ ctx, input }) => listBills(ctx.db, input.campaignId)),

  /** Another bill of the campaign (the state bill in the other chamber, the federal bill…). */
  add: adminProcedure
    .input(addBillInputSchema)
    .output(billSchema)
    .mutation(({ ctx, input }) =>
      write(ctx, (trx) => addBill(trx, input), (bill) => ({ campaignId: bill.campaignId, kind: "campaign", ids: [bill.campaignId] }), {
        subjectKind: "campaign",
        describe: (bill) => ({ subjectId: bill.campaignId, campaignId: bill.campaignId, summary: `Bill ${bill.name} added`, after: bill }),
      }),
    ),

  /** Rename a bill or change its jurisdiction or chamber. */
  update: adminProcedure
    .input(updateBillInputSchema)
    .output(billSchema)
    .mutation(({ ctx, input }) =>
      write(ctx, (trx) => updateBill(trx, input), (bill) => ({ campaignId: bill.campaignId, kind: "campaign", ids: [bill.campaignId] }), {
        subjectKind: "campaign",
        describe: (bill) => ({ subjectId: bill.campaignId, campaignId: bill.campaignId, summary: `Bill ${bill.name} saved`, after: bill }),
      }),
    ),
});
